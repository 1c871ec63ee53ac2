import type { AgreementsReport, SectionAgreements } from './data.ts';
import { onceEach } from './writing.ts';

/**
 * The agreements report as JSON: the report, then its agreement lines as "agreements", each the
 * same text JSON.stringify makes of an AgreementLine (its keys in that order), written straight from
 * the array the database returned: JSON.stringify only for each text value, no object per line.
 */
export function* agreementsJson(
  report: AgreementsReport,
  sections: Iterable<SectionAgreements>,
): Generator<string> {
  const json = JSON.stringify;
  const quoted = onceEach((value) => json(value));
  const head = json(report);
  yield `${head.slice(0, -1)},"agreements":[`;
  let comma = '';
  for (const { section, rows } of sections) {
    const district = `,"districtCode":${json(section.code)},"districtName":${json(section.name)},"type":`;
    for (const r of rows) {
      yield `${comma}{"id":${r[0]}${district}${quoted(r[1])},"title":${json(r[2])},"status":${quoted(r[3])},"agreedOn":${r[4] === null ? 'null' : quoted(r[4])},"reviewOn":${r[5] === null ? 'null' : quoted(r[5])},"municipalities":${json(r[6])},"contacts":${json(r[7])},"barrierIds":${json(r[8])}}`;
      comma = ',';
    }
  }
  yield ']}';
}
