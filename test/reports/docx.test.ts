import { DOMParser } from '@xmldom/xmldom';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import t from 'tap';
import { agreementStatuses, agreementTypes } from '../../db/schema/index.ts';
import { commandLineActor } from '../../server/accounts/accounts.ts';
import { createAgreement } from '../../server/outcomes/agreements.ts';
import { xmlText } from '../../server/reports/wordml.ts';
import { buildTestApp } from '../helpers/app.ts';
import { seedFynOutcomes } from '../helpers/scenarios.ts';

const MANY = 300;
/** Typed with a bell character in it: XML 1.0 cannot hold one, so the file must drop it. */
const SPECIAL = 'Æblerød & Søn <"Østerå"> aftale\u0007 om tavshedspligt';
const SPECIAL_SHOWN = 'Æblerød & Søn <"Østerå"> aftale om tavshedspligt';
const HEADER = ['Titel', 'Status', 'Aftalt', 'Revideres', 'Parter'];

/** The part parsed by xmldom, with the errors it reported (none when the part is well-formed XML). */
function parseXml(text: string): { doc: Document; errors: string[] } {
  const errors: string[] = [];
  const doc = new DOMParser({
    errorHandler: { warning: () => {}, error: (e) => errors.push(e), fatalError: (e) => errors.push(e) },
  }).parseFromString(text, 'text/xml');
  return { doc: doc as unknown as Document, errors };
}

t.test(
  'the Word district report with hundreds of agreements, read back by mammoth and by jszip + xmldom',
  async (t) => {
    const { app, as } = await buildTestApp(t);
    seedFynOutcomes(app.db);
    for (let i = 0; i < MANY; i++)
      createAgreement(app.db, commandLineActor, {
        districtCode: '1465',
        type: agreementTypes[i % 3]!,
        title: i === 150 ? SPECIAL : `Aftale ${i} om børnesager på Ærø`,
        text: '',
        allMunicipalities: true,
        agreedOn: '2027-01-15',
        status: agreementStatuses[i % agreementStatuses.length]!,
      });
    const res = await app.inject({
      url: '/api/reports/agreements?year=2027&district=1465&format=docx',
      headers: as.viewer,
    });
    t.equal(res.statusCode, 200);
    const file = res.rawPayload;

    t.test('mammoth', async (t) => {
      const text = (await mammoth.extractRawText({ buffer: file })).value;
      t.ok(text.startsWith('Rapport for politikredsen 2027'), 'the title first');
      t.ok(text.includes(SPECIAL_SHOWN), 'Danish letters and & < > " as typed, the bell dropped');
      const { value: html } = await mammoth.convertToHtml({ buffer: file });
      t.match(html, '<h1>Fyns Politi</h1>');
      const agreements = html.slice(
        html.indexOf('<h2>Aftaler</h2>'),
        html.indexOf('<h2>Samarbejdsbarrierer'),
      );
      const headers = [...agreements.matchAll(/<thead>(.*?)<\/thead>/g)].map((m) =>
        [...m[1]!.matchAll(/<th><p><strong>(.*?)<\/strong><\/p><\/th>/g)].map((c) => c[1]),
      );
      t.equal(headers.length, 3, 'a table per agreement type');
      for (const h of headers)
        t.same(h, HEADER, 'each table has the header row (marked to repeat on each page)');
      t.equal(
        (agreements.match(/<tr><td>/g) ?? []).length,
        MANY + 2,
        'a row per agreement: the 300 added and the two Fyn already had',
      );
      t.ok(
        agreements.includes('<td><p>Æblerød &amp; Søn &lt;"Østerå"&gt; aftale om tavshedspligt</p></td>'),
        'the special title in a cell of its own, escaped again by mammoth',
      );
    });

    t.test('jszip and xmldom', async (t) => {
      const zip = await JSZip.loadAsync(file);
      const names = Object.keys(zip.files);
      t.ok(names.includes('[Content_Types].xml') && names.includes('word/document.xml'), 'a Word package');
      const parts = new Map<string, ReturnType<typeof parseXml>>();
      for (const name of names.filter((n) => /\.(xml|rels)$/.test(n)))
        parts.set(name, parseXml(await zip.file(name)!.async('string')));
      for (const [name, { errors }] of parts) t.same(errors, [], `${name} is well-formed XML`);
      for (const o of Array.from(parts.get('[Content_Types].xml')!.doc.getElementsByTagName('Override')))
        t.ok(
          names.includes(o.getAttribute('PartName')!.slice(1)),
          `${o.getAttribute('PartName')} is in the zip`,
        );
      const doc = parts.get('word/document.xml')!.doc;
      const rows = Array.from(doc.getElementsByTagName('w:tr'));
      const headerRows = rows.filter((r) => r.getElementsByTagName('w:tblHeader').length);
      const texts = Array.from(doc.getElementsByTagName('w:t')).map((n) => n.textContent);
      t.ok(texts.includes(SPECIAL_SHOWN), 'the special title, unescaped by the XML parser');
      t.equal(
        headerRows.filter((r) => r.getElementsByTagName('w:t')[0]?.textContent === 'Titel').length,
        3,
        'three agreement tables, each with a repeating header row',
      );
      const titleCells = rows.map((r) => r.getElementsByTagName('w:t')[0]?.textContent ?? '');
      t.equal(titleCells.filter((c) => /^Aftale \d+ om børnesager på Ærø$/.test(c)).length, MANY - 1);
      t.equal(doc.getElementsByTagName('w:pgSz')[0]?.getAttribute('w:w'), '11906', 'A4 portrait, as before');
    });

    t.test('every district and English', async (t) => {
      const all = await app.inject({
        url: '/api/reports/agreements?year=2027&format=docx',
        headers: as.viewer,
      });
      const { value: html } = await mammoth.convertToHtml({ buffer: all.rawPayload });
      t.equal((html.match(/<h1>/g) ?? []).length, 12, 'a chapter per police district');
      t.match(html, 'Kontaktaftale Nordjylland');
      const en = await app.inject({
        url: '/api/reports/agreements?year=2027&district=1465&format=docx&lang=en',
        headers: as.viewer,
      });
      const text = (await mammoth.extractRawText({ buffer: en.rawPayload })).value;
      t.ok(text.startsWith('Police district report 2027'));
      t.match(text, /Title\s+Status\s+Agreed\s+Review\s+Parties/);
    });
  },
);

t.test('xmlText escapes markup and drops what XML 1.0 forbids', async (t) => {
  t.equal(xmlText('Ærø & <Åby> "x"'), 'Ærø &amp; &lt;Åby&gt; &quot;x&quot;');
  t.equal(xmlText('a\u0000b\u001fc\uD800d\uFFFEe'), 'abcde', 'control characters, a lone surrogate, U+FFFE');
  t.equal(xmlText('tab\tline\nemoji 😀'), 'tab\tline\nemoji 😀', 'tab, newline and astral characters stay');
});
