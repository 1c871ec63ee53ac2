import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';
import { seedFynOutcomes } from '../helpers/scenarios.ts';

t.test('reports in bokmål: headings, sheet and file names, dates and labels in Norwegian', async (t) => {
  const { app, as } = await buildTestApp(t);
  seedFynOutcomes(app.db);
  const get = (path: string) => app.inject({ url: `/api/reports/${path}`, headers: as.viewer });

  const xlsx = await get('national?year=2027&format=xlsx&lang=nb');
  t.equal(xlsx.statusCode, 200);
  t.match(xlsx.headers['content-disposition'], /filename="nasjonal-rapport-2027\.xlsx"/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  const ws = book.worksheets[0]!;
  t.equal(ws.name, 'Nasjonalt 2027');
  t.same(
    [1, 2, 3, 7].map((c) => ws.getRow(1).getCell(c).value),
    ['Kode', 'Politidistrikt', 'Møte avholdt', 'Medlemsorganisasjoner'],
  );
  t.equal(ws.getRow(14).getCell(2).value, 'Totalt');

  const pdf = await get('national?year=2027&format=pdf&lang=nb');
  const parser = new PDFParse({ data: new Uint8Array(pdf.rawPayload) });
  const { text } = await parser.getText();
  await parser.destroy();
  for (const expected of [
    'Nasjonal rapport om møtene i politidistriktene 2027',
    'Avtaler i kraft: fordelt på type',
    'Samarbeidsavtale',
  ])
    t.ok(text.includes(expected), `PDF says ${expected}`);
  t.notOk(/Aftaler|politikreds|I alt/.test(text), 'no Danish headings');

  const csv = await get('agreements?year=2027&district=1465&format=csv&lang=nb');
  t.match(csv.headers['content-disposition'], /filename="avtaler-2027-1465\.csv"/);
  const rows = parse(csv.rawPayload, { bom: true, delimiter: ';', relax_column_count: true }) as string[][];
  t.ok(rows[0]!.includes('Rad'), 'the row-kind column in Norwegian');
  t.ok(
    rows.some((r) => r.includes('Avtale')),
    'agreement rows say Avtale',
  );
  t.ok(
    rows.some((r) => r.some((cell) => /^2027-03-\d{2}$/.test(cell))),
    'dates stay ISO in CSV in every language',
  );

  const faroese = await get('national?year=2027&format=csv&lang=fo');
  t.equal(faroese.statusCode, 400);
  t.match(faroese.json().fields[0].field, /lang/);
});
