import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { agreementTypes } from '../../db/schema/index.ts';
import { dayDate } from '../text/dates.ts';
import type { Language } from '../text/language.ts';
import { catalogueFor } from '../text/messages.ts';
import type { AgreementLine, NationalReport } from './data.ts';
import { nationalTableRows } from './national-table.ts';

export type Separator = 'semicolon' | 'comma';

/** A cell a spreadsheet would run as a formula is shown as text instead (OWASP: CSV injection). */
export function neutraliseFormula(value: unknown): unknown {
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(value)) return `'${value}`;
  return value;
}

function csvStream(header: string[], rows: Iterable<unknown[]>, separator: Separator): Readable {
  const out = stringify({
    bom: true,
    delimiter: separator === 'comma' ? ',' : ';',
    record_delimiter: 'windows',
  });
  out.write(header.map(neutraliseFormula));
  // pipe with back-pressure: rows are produced only as fast as the client reads
  const source = Readable.from(
    (function* () {
      for (const row of rows) yield row.map(neutraliseFormula);
    })(),
    { objectMode: true },
  );
  source.on('error', (err) => out.destroy(err));
  source.pipe(out);
  return out;
}

export function agreementsCsv(
  lines: Iterable<AgreementLine>,
  lang: Language,
  separator: Separator,
): Readable {
  const w = catalogueFor(lang).report;
  const header = [
    'ID',
    w.district,
    w.type,
    w.title,
    w.status,
    w.agreedOn,
    w.reviewOn,
    w.parties,
    lang === 'da' ? 'Ansvarlige' : 'Responsible',
    w.linkedBarriers,
  ];
  const rows = (function* () {
    for (const a of lines)
      yield [
        a.id,
        a.districtName,
        catalogueFor(lang).labels.agreementType[a.type],
        a.title,
        catalogueFor(lang).labels.agreementStatus[a.status],
        dayDate(a.agreedOn, lang),
        dayDate(a.reviewOn, lang),
        a.municipalities ?? w.allMunicipalities,
        a.contacts ?? '',
        a.barrierIds ?? '',
      ];
  })();
  return csvStream(header, rows, separator);
}

export function nationalCsv(report: NationalReport, separator: Separator): Readable {
  const { lang } = report;
  const w = catalogueFor(lang).report;
  const header = [
    lang === 'da' ? 'Kode' : 'Code',
    w.district,
    w.meetingHeld,
    w.date,
    w.people,
    w.organisationsRepresented,
    lang === 'da' ? 'Medlemsorganisationer' : 'Member organisations',
    w.forumLevel,
    ...agreementTypes.map((t) => `${w.agreementsInForce}: ${catalogueFor(lang).labels.agreementType[t]}`),
    w.agreementsInForce,
    w.openBarriers,
    w.resolvedBarriers,
    `${w.agreementsInForce} ${report.year - 1}`,
    `${w.openBarriers} ${report.year - 1}`,
    `${w.people} ${report.year - 1}`,
  ];
  const { rows, totals } = nationalTableRows(report, (date) => dayDate(date, lang));
  rows.push(totals);
  return csvStream(header, rows, separator);
}
