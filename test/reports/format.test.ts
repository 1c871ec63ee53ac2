import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import t from 'tap';
import { agreementsCsv, neutraliseFormula } from '../../server/reports/csv.ts';
import type { AgreementRow } from '../../server/reports/queries.ts';
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

/** The Danish programme's report as the CSV writer reads it: its language and its words. */
const danish = {
  lang: 'da' as const,
  programme: { key: 'politikredsmoeder', name: 'Politikredsmøder', policeDistricts: true },
  taxonomy: { agreementTypes: [], barrierCategories: [], forumLevels: [] },
};

t.test('CSV round trip: any title comes back from an independent parser, never as a formula', async (t) => {
  await t.resolves(
    fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 20 }),
        async (titles) => {
          const rows: AgreementRow[] = titles.map((title, i) => [
            i + 1,
            'other',
            title,
            'draft',
            null,
            null,
            null,
            null,
            null,
          ]);
          const sections = [{ section: { code: '1465', name: 'Fyns Politi', barriers: [] }, rows }];
          const chunks: Buffer[] = [];
          for await (const c of agreementsCsv(danish, () => sections, 'semicolon'))
            chunks.push(Buffer.from(c));
          const lines = parse(Buffer.concat(chunks), {
            bom: true,
            delimiter: ';',
            relax_quotes: false,
          }) as string[][];
          const back = lines.slice(1).map((r) => r[3]);
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
