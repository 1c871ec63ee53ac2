import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import t from 'tap';
import { csvStream, neutraliseFormula } from '../../server/reports/csv.ts';

/** Cells a report can hold: Danish letters, both separators, quotes, line breaks, formulas, numbers, empties. */
const rows: unknown[][] = [
  ['ID', 'Politikreds', 'Titel', 'Status'],
  [1, 'Fyns Politi', 'Aftale om "fælles" møder; hvert kvartal', 'I kraft'],
  [2, 'Nordjyllands Politi', 'Linje 1\r\nLinje 2', ''],
  [3, 'Østjyllands Politi', '=SUM(A1:A3)', null],
  [4, 'Sydøstjyllands Politi', '-2 dage, +3 dage', undefined],
  [0, 'Bornholms Politi', '@kommune\tfane', 'Ærø, Øster, Åby'],
  [-5, 'Grønland', 'ender med "citat"', true],
  [6.5, 'Færøerne', 'a,b,c', false],
  [7, 'Midt- og Vestsjællands Politi', 'a "quote" only', '"'],
];

async function text(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

for (const separator of ['semicolon', 'comma'] as const) {
  t.test(`the CSV writer writes what csv-stringify wrote, byte for byte (${separator})`, async (t) => {
    const [header, ...body] = rows;
    const ours = await text(csvStream(header as string[], body, separator));
    const theirs = Buffer.from(
      stringify(
        rows.map((r) => r.map(neutraliseFormula)),
        { bom: true, delimiter: separator === 'comma' ? ',' : ';', record_delimiter: 'windows' },
      ),
    );
    t.equal(ours.toString('hex'), theirs.toString('hex'), 'same bytes');
    t.same(ours.subarray(0, 3), Buffer.from([0xef, 0xbb, 0xbf]), 'UTF-8 BOM, so Excel reads æøå');
    const back = parse(ours, { bom: true, delimiter: separator === 'comma' ? ',' : ';' }) as string[][];
    t.equal(back.length, rows.length, 'a spreadsheet reads every row back');
    t.equal(back[2]![2], 'Linje 1\r\nLinje 2', 'a line break stays inside its cell');
    t.equal(back[3]![2], "'=SUM(A1:A3)", 'a formula is shown as text');
    t.equal(back[1]![2], 'Aftale om "fælles" møder; hvert kvartal', 'quotes and separators survive');
  });
}

t.test('a lone CR or LF in a cell is quoted, so the row reads back whole', async (t) => {
  // csv-stringify 6.9 leaves a cell with only CR or only LF (no CRLF) unquoted when the record
  // delimiter is CRLF, and a reader then splits the row; RFC 4180 quotes any line break
  const ours = await text(
    csvStream(
      ['ID', 'Tekst'],
      [
        [1, 'Kun\rCR og\nLF'],
        [2, 'næste'],
      ],
      'semicolon',
    ),
  );
  const back = parse(ours, { bom: true, delimiter: ';' }) as string[][];
  t.same(back, [
    ['ID', 'Tekst'],
    ['1', 'Kun\rCR og\nLF'],
    ['2', 'næste'],
  ]);
});

t.test('many rows come in a few large chunks, not a chunk per row', async (t) => {
  const many = Array.from({ length: 20_000 }, (_, i) => [i, `Aftale ${i} om samarbejde – Ærø`]);
  const chunks: Buffer[] = [];
  for await (const chunk of csvStream(['ID', 'Titel'], many, 'semicolon')) chunks.push(chunk as Buffer);
  t.ok(chunks.length < 20, `${chunks.length} chunks for 20,000 rows`);
  const back = parse(Buffer.concat(chunks), { bom: true, delimiter: ';' }) as string[][];
  t.equal(back.length, 20_001, 'every row is there');
  t.same(back.at(-1), ['19999', 'Aftale 19999 om samarbejde – Ærø']);
});
