import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import t from 'tap';
import { agreementsCsv, neutraliseFormula } from '../../server/reports/csv.ts';
import type { AgreementLine } from '../../server/reports/data.ts';
import { escapeHtml } from '../../server/text/html.ts';

t.test('no cell a spreadsheet would run survives, and everything else is kept as it was', async (t) => {
  fc.assert(
    fc.property(fc.string(), (s) => {
      const out = neutraliseFormula(s) as string;
      if (/^[=+\-@\t\r]/.test(s)) return out === `'${s}`;
      return out === s;
    }),
  );
  t.equal(neutraliseFormula(-5), -5, 'numbers stay numbers');
});

t.test('CSV round trip: any title comes back from an independent parser, never as a formula', async (t) => {
  await t.resolves(
    fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 20 }),
        async (titles) => {
          const lines: AgreementLine[] = titles.map((title, i) => ({
            id: i + 1,
            districtCode: '1465',
            districtName: 'Fyns Politi',
            type: 'other',
            title,
            status: 'draft',
            agreedOn: null,
            reviewOn: null,
            municipalities: null,
            contacts: null,
            barrierIds: null,
          }));
          const chunks: Buffer[] = [];
          for await (const c of agreementsCsv(lines, 'da', 'semicolon')) chunks.push(Buffer.from(c));
          const rows = parse(Buffer.concat(chunks), {
            bom: true,
            delimiter: ';',
            relax_quotes: false,
          }) as string[][];
          const back = rows.slice(1).map((r) => r[3]);
          return back.every((b, i) =>
            /^[=+\-@\t\r]/.test(titles[i]!) ? b === `'${titles[i]}` : b === titles[i],
          );
        },
      ),
      { numRuns: 50 },
    ),
  );
});

t.test('HTML escaping', async (t) => {
  t.equal(
    escapeHtml(`<a href="x" onclick='y'>&</a>`),
    '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
  );
  fc.assert(fc.property(fc.string(), (s) => !/[<>"']/.test(escapeHtml(s))));
});
