import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import t from 'tap';
import { commandLineActor } from '../../server/accounts/accounts.ts';
import { createAgreement } from '../../server/outcomes/agreements.ts';
import { agreementsCsv, neutraliseFormula } from '../../server/reports/csv.ts';
import {
  type AgreementLine,
  agreementLinesOf,
  agreementsCsvExport,
  agreementsExport,
} from '../../server/reports/data.ts';
import { agreementsHtml } from '../../server/reports/html.ts';
import { agreementsJson } from '../../server/reports/json.ts';
import { areaAgreementsPlan } from '../../server/reports/queries.ts';
import { wordsOf } from '../../server/reports/words.ts';
import { inChunks } from '../../server/reports/writing.ts';
import { dayDate } from '../../server/text/dates.ts';
import { escapeHtml } from '../../server/text/html.ts';
import { catalogueFor } from '../../server/text/messages.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertPerson } from '../helpers/factories.ts';
import { seedFynOutcomes } from '../helpers/scenarios.ts';

/**
 * Fyn's outcomes and agreements whose texts test the writers: both separators, quotes, CRLF, a
 * formula, markup, æøå, leading and trailing spaces, a contact whose name has them too.
 */
async function trickyExport(t: Parameters<typeof buildTestApp>[0]) {
  const { app } = await buildTestApp(t);
  const { chief, officer } = seedFynOutcomes(app.db);
  const tricky = insertPerson(app.db, {
    name: 'Anne "Bo", Ærø; <b>x</b>',
    email: 'anne@odense.dk',
    orgKind: 'municipality',
    orgCode: '461',
  });
  const titles = [
    'Aftale om "fælles" møder; hvert kvartal, Ærø',
    "Linje 1\r\nLinje 2 <script>alert('x')</script> & `tick`",
    '-2 dage, +3 dage',
    ' mellemrum før og efter ',
    '@kommune\tfane',
    'Sti C:\\mappe\u0001\u001f\u007f \u2028 😀 Æble',
  ];
  for (const [i, title] of titles.entries())
    createAgreement(app.db, commandLineActor, {
      districtCode: i % 2 ? '1465' : '1460',
      type: i % 3 ? 'samarbejdsaftale' : 'kontaktaftale',
      title,
      text: '',
      allMunicipalities: i % 2 === 0,
      ...(i % 2 ? { municipalityCodes: ['420', '461'] } : {}),
      agreedOn: `2027-0${i + 1}-1${i}`,
      status: i % 2 ? 'in_force' : 'draft',
      ...(i % 3 ? {} : { reviewOn: '2028-12-31' }),
      contactPersonIds: i % 2 ? [tricky, chief] : [officer],
    });
  return app.db;
}

const options = { year: 2027, lang: 'da' as const };

t.test(
  'the agreements exports write what straightforward writers make of the same lines, byte for byte',
  async (t) => {
    const db = await trickyExport(t);
    const { report, sections, tables, jsonLines } = agreementsExport(db, options);
    const lines: AgreementLine[] = [...agreementLinesOf(sections())];
    t.equal(lines.length, 9, "Fyn's three agreements and the six above");
    t.ok(
      lines.some((l) => l.contacts?.includes('"Bo"')),
      "a contact's name with quotes and separators is in a line",
    );

    const json = await buffer(Readable.from(inChunks(agreementsJson(report, jsonLines()))));
    t.equal(
      json.toString('utf8'),
      JSON.stringify({ ...report, agreements: lines }),
      "JSON: the report with its lines, as JSON.stringify writes them (SQLite's JSON text of each)",
    );

    const w = wordsOf(report);
    const { labels } = catalogueFor('da');
    const csv = agreementsCsvExport(db, options);
    t.same(
      csv.report,
      { lang: report.lang, programme: report.programme, taxonomy: report.taxonomy },
      "the CSV's words are the report's",
    );
    const header = [
      'ID',
      w.district,
      w.type,
      w.title,
      w.status,
      w.agreedOn,
      w.reviewOn,
      w.parties,
      w.responsible,
      w.linkedBarriers,
      w.rowKind,
      w.category,
      w.raisedOn,
      w.resolvedOn,
    ];
    const rows: unknown[][] = [header];
    for (const s of report.sections) {
      for (const a of lines.filter((l) => l.districtCode === s.code))
        rows.push([
          a.id,
          a.districtName,
          w.agreementTypeName(a.type),
          a.title,
          labels.agreementStatus[a.status],
          a.agreedOn,
          a.reviewOn,
          a.municipalities ?? w.allMunicipalities,
          a.contacts,
          a.barrierIds,
          w.agreementRow,
          '',
          '',
          '',
        ]);
      for (const b of s.barriers)
        rows.push([
          b.id,
          s.name,
          '',
          b.description,
          labels.barrierStatus[b.status],
          '',
          '',
          b.municipalities ?? w.allMunicipalities,
          '',
          '',
          w.barrierRow,
          w.barrierCategoryName(b.category),
          b.raisedOn,
          b.resolvedOn,
        ]);
    }
    for (const separator of ['semicolon', 'comma'] as const) {
      const ours = await buffer(agreementsCsv(csv.report, csv.sections, separator));
      const fromRows = await buffer(agreementsCsv(csv.report, () => sections(), separator));
      t.equal(
        ours.toString('hex'),
        fromRows.toString('hex'),
        `CSV: the lines SQLite writes are those written from the rows (${separator})`,
      );
      const theirs = stringify(
        rows.map((r) => r.map(neutraliseFormula)),
        { bom: true, delimiter: separator === 'comma' ? ',' : ';', record_delimiter: 'windows' },
      );
      t.equal(
        ours.toString('hex'),
        Buffer.from(theirs).toString('hex'),
        `CSV as csv-stringify writes it (${separator})`,
      );
    }

    const html = (await buffer(Readable.from(inChunks(agreementsHtml(report, tables()))))).toString('utf8');
    const cells = (values: string[]) => `<tr>${values.map((v) => `<td>${escapeHtml(v)}</td>`).join('')}</tr>`;
    for (const s of report.sections) {
      const mine = lines.filter((l) => l.districtCode === s.code);
      let part = `<h3>${escapeHtml(w.agreements)}</h3>`;
      for (const type of [...new Set(mine.map((a) => a.type))]) {
        part += `<h4>${escapeHtml(w.agreementTypeName(type))}</h4><table><thead>`;
        part += `${cells([w.title, w.status, w.agreedOn, w.reviewOn, w.parties]).replaceAll('td>', 'th>')}</thead><tbody>`;
        for (const a of mine.filter((l) => l.type === type))
          part += cells([
            a.title,
            labels.agreementStatus[a.status],
            dayDate(a.agreedOn, 'da'),
            dayDate(a.reviewOn, 'da'),
            a.municipalities ?? w.allMunicipalities,
          ]);
        part += '</tbody></table>';
      }
      if (mine.length) t.ok(html.includes(part), `HTML: ${s.name}'s agreements, each row escaped`);
    }
    t.notOk(html.includes('<script>'), 'no markup from a title');
  },
);

t.test("an area's agreement lines are read from one index alone, already in order", async (t) => {
  const { app } = await buildTestApp(t);
  for (const [kind, plan] of Object.entries(areaAgreementsPlan(app.db))) {
    t.ok(
      plan.some((step) => /^SEARCH a USING COVERING INDEX agreement_area_idx \(area_id=\?\)$/.test(step)),
      `${kind}: ${plan.join(' | ')}`,
    );
    // the JSON and CSV lines are joined by an aggregate: their rows reach it in order, one at a time
    if (kind !== 'rows' && kind !== 'table')
      t.match(plan[0], /^CO-ROUTINE/, `${kind}: the rows are not flattened into the aggregate`);
    t.notOk(
      plan.some((step) => /TEMP B-TREE/.test(step)),
      `${kind}: nothing is sorted`,
    );
  }
});

t.test("SQLite's JSON strings are JSON.stringify's, character for character", async (t) => {
  const { app } = await buildTestApp(t);
  const quote = app.db.$client.prepare<[string], string>('SELECT json_quote(?)').pluck();
  const differing: string[] = [];
  // every character of the Basic Multilingual Plane but lone surrogates (SQLite stores UTF-8),
  // then characters outside it
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c < 0xe000) continue;
    const text = `a${String.fromCharCode(c)}b`;
    if (quote.get(text) !== JSON.stringify(text)) differing.push(c.toString(16));
  }
  for (const text of ['😀', '𝄞 and 🇩🇰', '', '"\\"'])
    if (quote.get(text) !== JSON.stringify(text)) differing.push(text);
  t.same(differing, [], 'no character is written otherwise');
});

t.test(
  'the CSV lines SQLite writes are the lines written from the rows, for any stored values',
  async (t) => {
    const { app } = await buildTestApp(t);
    const { chief } = seedFynOutcomes(app.db);
    const sqlite = app.db.$client;
    const { areaId } = sqlite
      .prepare<[], { areaId: number }>(
        "SELECT a.id AS areaId FROM area a JOIN organisation o ON o.id = a.convener_id WHERE o.code = '1465'",
      )
      .get()!;
    const municipality = sqlite
      .prepare<[], { id: number }>("SELECT id FROM organisation WHERE code = '461'")
      .get()!;
    const insertAgreement = sqlite.prepare(
      `INSERT INTO agreement (area_id, type, title, text, all_municipalities, agreed_on, status, review_on, created_at, updated_at)
     VALUES (?, ?, ?, '', ?, ?, ?, ?, '2027-01-05T23:30:00.000Z', '2027-01-05T23:30:00.000Z')`,
    );
    const renamePerson = sqlite.prepare('UPDATE person SET name = ? WHERE id = ?');
    const renameOrganisation = sqlite.prepare('UPDATE organisation SET name = ? WHERE id = ?');
    const { name: personName } = sqlite
      .prepare<[number], { name: string }>('SELECT name FROM person WHERE id = ?')
      .get(chief)!;
    const { name: municipalityName } = sqlite
      .prepare<[number], { name: string }>('SELECT name FROM organisation WHERE id = ?')
      .get(municipality.id)!;
    // texts with every character the cells treat apart: quotes, both delimiters, line breaks, a formula's first character
    const text = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.string({
        unit: fc.constantFrom('"', ';', ',', '\r', '\n', '=', '+', '-', '@', '\t', 'a', 'Æ', '😀', ' '),
        maxLength: 8,
      }),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
    );
    const date = fc.oneof(
      fc.constant(null),
      fc.constant(''),
      fc.constantFrom('2027-03-01', '-027-03-01', '2027;03;01', '"027-03-01'),
      // not plain dates: SQLite hands the area back to be written from its rows
      fc.constantFrom('2027-03-01T23:30:00.000Z', 'æ027-03-01', '2027-3-1'),
    );
    const agreement = fc.record({
      type: fc.oneof(fc.constantFrom('samarbejdsaftale', 'kontaktaftale', 'other'), text),
      title: text,
      status: fc.oneof(fc.constantFrom('draft', 'agreed', 'in_force', 'under_revision', 'expired'), text),
      all: fc.boolean(),
      agreedOn: date,
      reviewOn: date,
    });
    const options = { year: 2027, lang: 'da' as const };
    await t.resolves(
      fc.assert(
        fc.asyncProperty(
          fc.array(agreement, { maxLength: 6 }),
          text,
          text,
          async (agreements, person, organisation) => {
            sqlite.transaction(() => {
              sqlite.prepare('DELETE FROM agreement').run();
              renamePerson.run(person || personName, chief);
              renameOrganisation.run(organisation || municipalityName, municipality.id);
              for (const a of agreements) {
                const id = insertAgreement.run(
                  areaId,
                  a.type,
                  a.title,
                  a.all ? 1 : 0,
                  a.agreedOn,
                  a.status,
                  a.reviewOn,
                ).lastInsertRowid;
                sqlite
                  .prepare('INSERT INTO agreement_contact (agreement_id, person_id) VALUES (?, ?)')
                  .run(id, chief);
                if (!a.all)
                  sqlite
                    .prepare(
                      'INSERT INTO agreement_municipality (agreement_id, municipality_id) VALUES (?, ?)',
                    )
                    .run(id, municipality.id);
              }
            })();
            const csv = agreementsCsvExport(app.db, options);
            for (const separator of ['semicolon', 'comma'] as const) {
              const bySqlite = await buffer(agreementsCsv(csv.report, csv.sections, separator));
              const fromRows = await buffer(
                agreementsCsv(csv.report, () => agreementsExport(app.db, options).sections(), separator),
              );
              if (!bySqlite.equals(fromRows)) {
                t.equal(bySqlite.toString(), fromRows.toString(), `the same bytes (${separator})`);
                return false;
              }
            }
            return true;
          },
        ),
        { numRuns: 60 },
      ),
    );
    t.pass('SQLite wrote the same lines as the rows gave, in 60 runs of odd values and both separators');

    const ways = (agreedOn: string) => {
      sqlite.prepare('DELETE FROM agreement').run();
      insertAgreement.run(areaId, 'other', 'Aftale', 1, agreedOn, 'draft', null);
      const cellsOf = () => ({
        delimiter: ';' as const,
        district: ';Fyn;',
        types: [],
        statuses: [],
        allMunicipalities: 'Alle',
        end: '\r\n',
      });
      return [...agreementsCsvExport(app.db, options).sections(cellsOf)]
        .filter((s) => s.section.code === '1465')
        .map((s) => ('text' in s ? 'SQLite' : 'rows'));
    };
    t.same(ways('2027-03-01'), ['SQLite'], 'an area of plain dates is written by SQLite');
    t.same(
      ways('2027-03-01T23:30:00.000Z'),
      ['rows'],
      'an area with a timestamp for a date is written from its rows',
    );
  },
);
