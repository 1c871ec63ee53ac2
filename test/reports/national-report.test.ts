import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { PDFParse } from 'pdf-parse';
import t from 'tap';
import { buildNationalReport } from '../../server/reports/data.ts';
import { buildTestApp } from '../helpers/app.ts';
import { seedFynOutcomes } from '../helpers/scenarios.ts';

t.test('national report: one row per district, totals, year over year, every format', async (t) => {
  const { app, as } = await buildTestApp(t);
  seedFynOutcomes(app.db);
  const get = (query: string) =>
    app.inject({ url: `/api/reports/national?year=2027&${query}`, headers: as.viewer });

  const report = buildNationalReport(app.db, { year: 2027, lang: 'da' });
  t.equal(report.rows.length, 12);
  const fyn = report.rows.find((r) => r.code === '1465')!;
  t.match(fyn, {
    meetingHeld: true,
    people: 3,
    organisationsRepresented: 3,
    memberOrganisations: 11,
    forumLevel: 'all_municipalities',
    inForce: 2,
    openBarriers: 1,
    resolvedBarriers: 1,
  });
  t.equal(fyn.inForceByType.samarbejdsaftale, 1);
  t.equal(fyn.inForceByType.skabelon_til_anmeldelse, 1);
  t.match(report.totals, { meetingsHeld: 1, inForce: 2, openBarriers: 1 });
  const before = report.previous.rows.find((r) => r.code === '1465')!;
  t.match(before, {
    meetingHeld: true,
    people: 1,
    inForce: 1,
    openBarriers: 1,
    forumLevel: 'single_municipalities',
  });
  t.equal(
    report.rows.find((r) => r.code === '1460')!.inForce,
    0,
    'an agreement that is only agreed is not in force',
  );

  const json = (await get('format=json')).json();
  t.equal(json.rows.length, 12);
  t.equal(json.totals.inForce, 2);

  const csv = parse((await get('format=csv')).rawPayload, { bom: true, delimiter: ';' }) as string[][];
  t.equal(csv.length, 14, 'header, 12 districts, totals');
  t.equal(csv[0]![1], 'Politikreds');
  const fynRow = csv.find((r) => r[0] === '1465')!;
  t.equal(fynRow[2], 'Ja');
  t.equal(fynRow[3], '2027-03-12', 'CSV keeps ISO dates, which spreadsheets read as dates');
  t.equal(csv[13]![1], 'I alt');

  const res = await get('format=xlsx');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = book.worksheets[0]!;
  t.equal(ws.name, 'Nationalt 2027');
  t.equal(ws.rowCount, 14);
  const fynXlsx = [...Array(12).keys()]
    .map((i) => ws.getRow(i + 2))
    .find((r) => r.getCell(1).value === '1465')!;
  t.equal(fynXlsx.getCell(2).value, 'Fyns Politi');
  t.equal(fynXlsx.getCell(15).value, 2, 'agreements in force');
  t.equal(ws.getRow(14).getCell(2).value, 'I alt');

  const pdf = await get('format=pdf');
  const parser = new PDFParse({ data: new Uint8Array(pdf.rawPayload) });
  const { text } = await parser.getText();
  await parser.destroy();
  for (const expected of [
    'National rapport over politikredsmøderne 2027',
    'Sydsjællands og Lolland-Falsters Politi',
    'Københavns Politi',
    'I alt',
    'Aftaler i kraft og åbne barrierer pr. politikreds',
    'Ændring 2026 → 2027',
  ])
    t.ok(text.includes(expected), `PDF says ${expected}`);

  const docx = await mammoth.extractRawText({ buffer: (await get('format=docx')).rawPayload });
  t.ok(docx.value.includes('National rapport over politikredsmøderne 2027'));
  t.ok(docx.value.includes('Forum med alle kommuner'));

  const html = (await get('format=html&lang=en')).body;
  t.ok(html.includes('National report on the police district meetings 2027'));
  t.ok(html.includes('Change 2026 → 2027'));
  t.equal((await app.inject({ url: '/api/reports/national?year=1800', headers: as.viewer })).statusCode, 400);
});
