import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { PDFParse } from 'pdf-parse';
import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';
import { norwegianProgramme, seedFynOutcomes } from '../helpers/scenarios.ts';

/** Every cell or line of a report in the six formats, read back by independent parsers. */
async function textOf(format: string, body: Buffer): Promise<string> {
  switch (format) {
    case 'csv':
      return (parse(body, { bom: true, delimiter: ';', relax_column_count: true }) as string[][])
        .map((r) => r.join('|'))
        .join('\n');
    case 'xlsx': {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(body as unknown as ArrayBuffer);
      const cells: string[] = [];
      for (const ws of book.worksheets)
        ws.eachRow((row) => {
          row.eachCell((c) => {
            cells.push(String(c.value));
          });
        });
      return cells.join('|');
    }
    case 'pdf': {
      const parser = new PDFParse({ data: new Uint8Array(body) });
      const { text } = await parser.getText();
      await parser.destroy();
      return text;
    }
    case 'docx':
      return (await mammoth.extractRawText({ buffer: body })).value;
    default:
      return body.toString('utf8');
  }
}

const formats = ['json', 'csv', 'xlsx', 'pdf', 'docx', 'html'] as const;

t.test("a programme's overall report holds its own areas only, in its language and taxonomy", async (t) => {
  const { app, as } = await buildTestApp(t);
  seedFynOutcomes(app.db);
  const no = await norwegianProgramme(app, as);
  const post = (url: string, payload: object) =>
    app.inject({ method: 'POST', url, headers: as.facilitator, payload });
  const barrier = await post('/api/barriers', {
    areaId: no.areaId,
    category: 'taushetsplikt',
    description: 'Uklart hva som kan deles før avhør',
    raisedOn: '2027-03-01',
  });
  t.equal(barrier.statusCode, 201, barrier.body);
  const agreement = await post('/api/agreements', {
    areaId: no.areaId,
    type: 'samarbeidsavtale',
    title: 'Avtale om tidlig varsling',
    status: 'in_force',
    agreedOn: '2027-02-01',
  });
  t.equal(agreement.statusCode, 201, agreement.body);
  const mapping = await app.inject({
    method: 'PUT',
    url: `/api/areas/${no.areaId}/mappings/2027`,
    headers: as.facilitator,
    payload: { version: 0, forumLevel: 'felles-forum' },
  });
  t.equal(mapping.statusCode, 201, mapping.body);

  const get = (path: string) => app.inject({ url: `/api/reports/${path}`, headers: as.viewer });
  const danish = (await get('national?year=2027&format=json')).json();
  t.equal(danish.rows.length, 12, 'the Danish national report: the twelve police districts');
  const danishNames: string[] = danish.rows.map((r: { name: string }) => r.name);
  t.ok(danishNames.includes('Fyns Politi'));

  const json = (await get(`national?year=2027&format=json&programme=${no.key}`)).json();
  t.equal(json.lang, 'nb', "in the programme's language");
  t.same(
    json.rows.map((r: { name: string }) => r.name),
    [no.areaName],
  );
  t.match(json.rows[0], { inForce: 1, openBarriers: 1, forumLevel: 'felles-forum' });
  t.same(json.rows[0].inForceByType, { samarbeidsavtale: 1, rutinebeskrivelse: 0 });

  for (const format of formats) {
    const res = await get(`national?year=2027&format=${format}&programme=${no.key}`);
    t.equal(res.statusCode, 200, `${format}: ${res.statusCode}`);
    const text = await textOf(format, res.rawPayload);
    t.ok(text.includes(no.areaName), `${format}: names the programme's area`);
    const danishFound = danishNames.filter((name) => text.includes(name));
    t.same(danishFound, [], `${format}: no Danish police district`);
    if (format !== 'json')
      t.ok(text.includes('Samarbeidsavtale'), `${format}: the programme's agreement type, in bokmål`);
    if (format === 'pdf' || format === 'docx' || format === 'html')
      t.ok(
        text.includes('Samlet rapport for Dialogmøter barnevern og politi 2027'),
        `${format}: the programme's title`,
      );
    if (format === 'csv' || format === 'xlsx')
      t.ok(text.includes('Område'), `${format}: areas, not districts`);
    t.notOk(/Politidistrikt|politikreds/.test(text), `${format}: no police-district words`);

    const dk = await get(`national?year=2027&format=${format}`);
    const dkText = await textOf(format, dk.rawPayload);
    t.ok(dkText.includes('Fyns Politi'), `Danish ${format}: the police districts`);
    t.notOk(dkText.includes(no.areaName), `Danish ${format}: none of the Norwegian areas`);
  }

  const lines = await get(`agreements?year=2027&format=csv&programme=${no.key}`);
  const rows = parse(lines.rawPayload, { bom: true, delimiter: ';', relax_column_count: true }) as string[][];
  t.same(
    rows.slice(1).map((r) => [r[1], r[2] || r[11]]),
    [
      [no.areaName, 'Samarbeidsavtale'],
      [no.areaName, 'Uklar taushetsplikt'],
    ],
    "the programme's agreements report: its agreement and barrier, named by its taxonomy",
  );
  t.match(lines.headers['content-disposition'], /filename="no-dialogmoter-avtaler-2027\.csv"/);

  const unknown = await get('national?year=2027&programme=nowhere');
  t.equal(unknown.statusCode, 400);
  t.match(unknown.json().fields, [{ field: 'querystring.programme' }]);
});
