import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { PDFParse } from 'pdf-parse';
import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';
import { seedFynOutcomes } from '../helpers/scenarios.ts';

const HOSTILE = '=HYPERLINK("http://evil.example","Klik") <script>alert(1)</script>';

t.test('district report in every format, read back by an independent reader', async (t) => {
  const { app, as } = await buildTestApp(t);
  seedFynOutcomes(app.db);
  const get = (query: string) =>
    app.inject({ url: `/api/reports/agreements?year=2027&district=1465&${query}`, headers: as.viewer });

  t.test('json', async (t) => {
    const res = await get('format=json');
    t.equal(res.statusCode, 200);
    const report = res.json();
    t.equal(report.sections.length, 1);
    const s = report.sections[0];
    t.match(s, {
      code: '1465',
      name: 'Fyns Politi',
      meeting: {
        venueName: 'Børnehus Syd, Ærø-salen',
        figures: { people: 3, police: 1, municipal: 2, leadershipLevel: 2 },
      },
      mapping: { forumLevel: 'all_municipalities' },
      changes: {
        previousForumLevel: 'single_municipalities',
        previousPeople: 1,
        people: 3,
        newAgreements: 1,
        newBarriers: 1,
        barriersResolved: 1,
      },
    });
    t.equal(s.barriers.length, 2, 'the barrier resolved in the year is still reported');
    t.equal(report.agreements.length, 2, 'only the district, not Nordjylland');
  });

  t.test('csv: BOM, semicolons, Danish, formula neutralised', async (t) => {
    const res = await get('format=csv');
    t.equal(res.statusCode, 200);
    t.match(res.headers['content-type'], /text\/csv; charset=utf-8/);
    t.match(res.headers['content-disposition'], /attachment; filename="aftaler-2027-1465.csv"/);
    const raw = res.rawPayload;
    t.same([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    const rows = parse(raw, { bom: true, delimiter: ';' }) as string[][];
    t.same(rows[0]!.slice(0, 7), ['ID', 'Politikreds', 'Type', 'Titel', 'Status', 'Aftalt', 'Revideres']);
    const agreement = rows.find((r) => r[3] === 'Samarbejdsaftale om børnesager på Fyn')!;
    t.ok(agreement);
    t.same(agreement.slice(1, 7), [
      'Fyns Politi',
      'Samarbejdsaftale',
      'Samarbejdsaftale om børnesager på Fyn',
      'I kraft',
      '2027-03-12',
      '2028-03-01',
    ]);
    t.equal(agreement[7], 'Alle kommuner');
    const hostile = rows.find((r) => r[3]!.includes('HYPERLINK'))!;
    t.equal(hostile[3], `'${HOSTILE}`, 'a leading = is neutralised');
    t.equal(hostile[7], 'Assens, Odense');
    const comma = await get('format=csv&separator=comma&lang=en');
    const en = parse(comma.rawPayload, { bom: true, delimiter: ',' }) as string[][];
    t.same(en[0]!.slice(0, 4), ['ID', 'Police district', 'Type', 'Title']);
    t.ok(en.some((r) => r[4] === 'In force' && r[5] === '2027-03-12'));
  });

  t.test('xlsx', async (t) => {
    const res = await get('format=xlsx');
    t.equal(res.statusCode, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    t.same(
      book.worksheets.map((w) => w.name),
      ['Oversigt', 'Aftaler', 'Samarbejdsbarrierer', 'Deltagere'],
    );
    const overview = book.getWorksheet('Oversigt')!;
    t.equal(overview.getRow(2).getCell(1).value, 'Fyns Politi');
    t.equal((overview.getRow(2).getCell(2).value as Date).toISOString(), '2027-03-12T08:30:00.000Z');
    t.equal(overview.getRow(2).getCell(4).value, 3);
    const agreements = book.getWorksheet('Aftaler')!;
    t.equal(agreements.rowCount, 3);
    const titles = [2, 3].map((r) => agreements.getRow(r).getCell(4).value);
    t.ok(titles.includes('Samarbejdsaftale om børnesager på Fyn'));
    t.ok(titles.includes(`'${HOSTILE}`));
    const row = [2, 3]
      .map((r) => agreements.getRow(r))
      .find((r) => r.getCell(4).value === 'Samarbejdsaftale om børnesager på Fyn')!;
    t.equal((row.getCell(7).value as Date).toISOString().slice(0, 10), '2028-03-01');
    t.equal(row.getCell(7).numFmt, 'd. mmmm yyyy');
    const participants = book.getWorksheet('Deltagere')!;
    t.equal(participants.rowCount, 4);
    t.ok([2, 3, 4].some((r) => participants.getRow(r).getCell(2).value === 'Åse Æbelø'));
  });

  t.test('pdf with æøå in an embedded font', async (t) => {
    const res = await get('format=pdf');
    t.equal(res.statusCode, 200);
    t.equal(res.headers['content-type'], 'application/pdf');
    t.match(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
    t.match(res.rawPayload.toString('latin1'), /FontFile2/, 'the TrueType font is embedded');
    const parser = new PDFParse({ data: new Uint8Array(res.rawPayload) });
    const { text } = await parser.getText();
    await parser.destroy();
    for (const expected of [
      'Rapport for politikredsen 2027',
      'Fyns Politi',
      '12. marts 2027',
      'kl. 09.30',
      'Børnehus Syd, Ærø-salen',
      'Søren Ørsted',
      'Åse Æbelø',
      'Forum med alle kommuner',
      'Samarbejdsaftale om børnesager på Fyn',
      'Ventetid under politiets efterforskning',
      'Ændringer siden sidste år',
    ])
      t.ok(text.includes(expected), `PDF says ${expected}`);
  });

  t.test('docx', async (t) => {
    const res = await get('format=docx');
    t.equal(res.statusCode, 200);
    const { value } = await mammoth.extractRawText({ buffer: res.rawPayload });
    for (const expected of [
      'Rapport for politikredsen 2027',
      'Børnehus Syd, Ærø-salen',
      'Samarbejdsaftale om børnesager på Fyn',
      '1. marts 2028',
      'Skabelon til anmeldelse',
      'Uklart hvornår kommunen må tale med forældrene',
      'Løst',
      'Samarbejdsniveau: Fora med enkelte kommuner → Forum med alle kommuner',
    ])
      t.ok(value.includes(expected), `DOCX says ${expected}`);
  });

  t.test('html: printable and escaped', async (t) => {
    const res = await get('format=html');
    t.equal(res.statusCode, 200);
    t.match(res.headers['content-type'], /text\/html/);
    const html = res.body;
    t.notOk(html.includes('<script>alert(1)</script>'), 'no markup from data');
    t.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    t.ok(html.includes('@media print'));
    t.ok(html.includes('<html lang="da">'));
    t.ok(html.includes('12. marts 2027'));
    const en = await get('format=html&lang=en');
    t.ok(en.body.includes('Police district report 2027'));
    t.ok(en.body.includes('12 March 2027'));
  });

  t.test('errors and access', async (t) => {
    t.equal((await app.inject({ url: '/api/reports/agreements?year=2027&format=pdf' })).statusCode, 401);
    const badFormat = await get('format=odt');
    t.equal(badFormat.statusCode, 400);
    t.match(badFormat.json().fields, [{ field: 'querystring.format' }]);
    const noYear = await app.inject({ url: '/api/reports/agreements', headers: as.viewer });
    t.equal(noYear.statusCode, 400);
    const unknown = await app.inject({
      url: '/api/reports/agreements?year=2027&district=1999',
      headers: as.viewer,
    });
    t.equal(unknown.statusCode, 400);
    t.match(unknown.json().fields, [{ field: 'querystring.district' }]);
  });

  t.test('every district when none is named', async (t) => {
    const res = await app.inject({ url: '/api/reports/agreements?year=2027&format=csv', headers: as.viewer });
    const rows = parse(res.rawPayload, { bom: true, delimiter: ';' }) as string[][];
    t.equal(
      rows.filter((r) => r[10] === 'Aftale').length,
      3,
      'three agreements (barriers are rows of their own)',
    );
    const json = (await app.inject({ url: '/api/reports/agreements?year=2027', headers: as.viewer })).json();
    t.equal(json.sections.length, 12);
  });
});
