import mammoth from 'mammoth';
import { PDFParse } from 'pdf-parse';
import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';
import { seedFynOutcomes } from '../helpers/scenarios.ts';

/** A date as a machine writes it: 2028-03-01 (also inside 2028-03-01T…). */
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;

/** What a reader sees of an HTML document: the text between the tags, entities and all. */
const visibleText = (markup: string) =>
  markup
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ');

t.test('reports write every date the Danish way, read back by independent readers', async (t) => {
  const { app, as } = await buildTestApp(t);
  seedFynOutcomes(app.db);
  const get = (path: string) => app.inject({ url: path, headers: as.viewer });
  const district = (format: string) =>
    get(`/api/reports/agreements?year=2027&district=1465&format=${format}`);
  const national = (format: string) => get(`/api/reports/national?year=2027&format=${format}`);

  t.test('pdf', async (t) => {
    for (const [name, res] of [
      ['district', await district('pdf')],
      ['national', await national('pdf')],
    ] as const) {
      const parser = new PDFParse({ data: new Uint8Array(res.rawPayload) });
      const { text } = await parser.getText();
      await parser.destroy();
      t.notMatch(text, ISO_DATE, `no ISO date in the ${name} PDF`);
      if (name === 'district') {
        t.ok(text.includes('1. marts 2028'), 'the review date');
        t.ok(text.includes('12. marts 2027'), 'the meeting and the agreement date');
      }
    }
  });

  t.test('docx', async (t) => {
    for (const [name, res] of [
      ['district', await district('docx')],
      ['national', await national('docx')],
    ] as const) {
      const { value } = await mammoth.extractRawText({ buffer: res.rawPayload });
      t.notMatch(value, ISO_DATE, `no ISO date in the ${name} DOCX`);
      if (name === 'district') t.ok(value.includes('1. marts 2028'), 'the review date');
    }
  });

  t.test('html', async (t) => {
    for (const [name, res] of [
      ['district', await district('html')],
      ['national', await national('html')],
    ] as const) {
      const text = visibleText(res.body);
      t.notMatch(text, ISO_DATE, `no ISO date in the ${name} HTML`);
      if (name === 'district') t.match(text, '1. marts 2028');
    }
  });
});

t.test('the district and meeting pages write agreement and barrier dates the Danish way', async (t) => {
  const { app, as } = await buildTestApp(t);
  const { m2027 } = seedFynOutcomes(app.db);
  const districtPage = visibleText((await app.inject({ url: '/kredse/1465', headers: as.viewer })).body);
  t.notMatch(districtPage, ISO_DATE, 'no ISO date on the district page');
  t.match(districtPage, '1. marts 2028', 'the review date');
  t.match(districtPage, '10. marts 2026', 'the agreement date');
  const meetingPage = visibleText((await app.inject({ url: `/moeder/${m2027}`, headers: as.viewer })).body);
  t.notMatch(meetingPage, ISO_DATE, 'no ISO date on the meeting page');
  t.match(meetingPage, 'revideres 1. marts 2028');
  t.match(meetingPage, '(10. marts 2026)', 'when an earlier barrier was raised');
});
