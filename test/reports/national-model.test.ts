import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { PDFParse } from 'pdf-parse';
import t from 'tap';
import { prepared } from '../../db/statements.ts';
import { commandLineActor } from '../../server/accounts/accounts.ts';
import { putAttendance } from '../../server/outcomes/attendance.ts';
import { putMapping } from '../../server/outcomes/mappings.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertMeeting, insertPerson } from '../helpers/factories.ts';
import { outboxOf } from '../helpers/mail.ts';
import { seedFynOutcomes } from '../helpers/scenarios.ts';

const FORUM_ALL = 'Forum med alle kommuner';

t.test('the national report as the model has it, read back from PDF, Word and Excel', async (t) => {
  const { app, as } = await buildTestApp(t, { MAIL_SENDER: 'off' });
  const fyn = seedFynOutcomes(app.db);
  const actor = commandLineActor;
  // two more Fyn municipalities at the 2027 meeting: 4 of Fyn's 10 municipalities, and the police
  const more = [
    ['Mette Svendborg', 'mette@svendborg.dk', '479'],
    ['Niels Nyborg', 'niels@nyborg.dk', '450'],
  ].map(([name, email, orgCode]) =>
    insertPerson(app.db, {
      name: name!,
      email: email!,
      orgKind: 'municipality',
      orgCode,
      roles: ['kommunal-sagsbehandler'],
    }),
  );
  putAttendance(app.db, actor, fyn.m2027, {
    version: 1,
    personIds: [fyn.chief, fyn.worker, fyn.officer, ...more],
  });
  // three more districts have a forum with all their municipalities in 2027: 4 of 12
  for (const code of ['1460', '1461', '1462'])
    putMapping(app.db, actor, { code }, 2027, {
      version: 0,
      forumLevel: 'all_municipalities',
      strengths: [],
      challenges: [],
      wishes: [],
    });
  // a cancelled meeting: "ikke afholdt", against "ikke afholdt endnu" for districts still to meet
  insertMeeting(app.db, { districtCode: '1470', status: 'cancelled', startsAt: '2027-04-01T08:00:00Z' });
  const theme = prepared<{ id: number }>(
    app.db,
    "SELECT id FROM theme WHERE name = '24-timers-reglen'",
  ).get()!;
  t.equal(
    (
      await app.inject({
        method: 'POST',
        url: `/api/meetings/${fyn.m2027}/agenda`,
        headers: as.facilitator,
        payload: { themeId: theme.id },
      })
    ).statusCode,
    201,
  );
  const lessons = await app.inject({
    method: 'PUT',
    url: `/api/meetings/${fyn.m2027}/lessons`,
    headers: as.facilitator,
    payload: { version: 0, text: 'Fælles sagsgennemgang gav konkrete aftaler.' },
  });
  t.equal(lessons.statusCode, 200);
  // the five participants answer the evaluation
  t.equal(
    (
      await app.inject({
        method: 'POST',
        url: `/api/meetings/${fyn.m2027}/evaluation`,
        headers: as.facilitator,
      })
    ).statusCode,
    201,
  );
  const links = outboxOf(app.db, 'evaluation').map(
    (m) => /\/evaluering\/(eval_[A-Za-z0-9_-]+)/.exec(m.content.text)![1]!,
  );
  t.equal(links.length, 5);
  for (const [i, token] of links.entries())
    t.equal(
      (
        await app.inject({
          method: 'POST',
          url: `/evaluering/${token}`,
          payload: { udbytte: 4 + (i % 2), relevans: 5 },
        })
      ).statusCode,
      204,
    );

  const get = (format: string) =>
    app.inject({ url: `/api/reports/national?year=2027&format=${format}`, headers: as.viewer });
  const json = (await get('json')).json();
  t.same(json.model.turnout, { represented: 4, total: 98 }, 'M is the register’s 98 municipalities');
  t.same(json.previous.model.turnout, { represented: 1, total: 98 });
  t.equal(json.model.forumLevels.find((f: { key: string }) => f.key === 'all_municipalities').value, 4);
  t.equal(json.rows.find((r: { code: string }) => r.code === '1470').meetingState, 'notHeld');
  t.equal(json.rows.find((r: { code: string }) => r.code === '1471').meetingState, 'notYet');

  const pdf = await get('pdf');
  const parser = new PDFParse({ data: new Uint8Array(pdf.rawPayload) });
  const pdfText = (await parser.getText()).text;
  await parser.destroy();
  const docx = (await mammoth.extractRawText({ buffer: (await get('docx')).rawPayload })).value;
  for (const [name, text] of [
    ['PDF', pdfText],
    ['Word', docx],
  ] as const) {
    t.match(text, '4 af 98 kommuner', `${name}: municipal turnout against the register`);
    t.match(text, '1 af 98 kommuner', `${name}: and last year's`);
    t.notMatch(text, '/ 110', `${name}: police are not counted as municipalities`);
    t.match(
      text,
      /Forum med alle kommuner\s*0 af 12 politikredse\s*4 af 12 politikredse\s*\+4/,
      `${name}: forum levels`,
    );
    t.match(text, 'ikke afholdt endnu', `${name}: a meeting still to come`);
    t.match(text, /\bikke afholdt\b(?! endnu)/, `${name}: a cancelled meeting`);
    t.match(text, '24-timers-reglen', `${name}: themes discussed`);
    t.match(text, 'Fælles sagsgennemgang gav konkrete aftaler.', `${name}: lessons learned`);
    t.match(text, '5 af 5 har svaret', `${name}: the evaluation's response rate`);
    t.match(text, 'Samarbejdsbarrierer efter kategori', `${name}: barrier categories`);
  }

  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await get('xlsx')).rawPayload as unknown as ArrayBuffer);
  const national = book.worksheets[0]!;
  t.equal(national.getRow(14).getCell(21).value, 4, 'municipalities represented, in all');
  t.equal(national.getRow(14).getCell(22).value, 98, 'municipalities in the register');
  const overview = book.getWorksheet('Overblik')!;
  const forumRow = [...Array(overview.rowCount).keys()]
    .map((i) => overview.getRow(i + 1))
    .find((r) => r.getCell(1).value === FORUM_ALL)!;
  t.same(
    [2, 3, 4].map((c) => forumRow.getCell(c).value),
    ['0 af 12 politikredse', '4 af 12 politikredse', 4],
  );

  // the district's own report carries its meeting's evaluation and lessons
  const district = (format: string) =>
    app.inject({
      url: `/api/reports/agreements?year=2027&district=1465&format=${format}`,
      headers: as.viewer,
    });
  const districtPdf = new PDFParse({ data: new Uint8Array((await district('pdf')).rawPayload) });
  const districtText = (await districtPdf.getText()).text;
  await districtPdf.destroy();
  const districtDocx = (await mammoth.extractRawText({ buffer: (await district('docx')).rawPayload })).value;
  for (const [name, text] of [
    ['PDF', districtText],
    ['Word', districtDocx],
  ] as const) {
    t.match(text, '5 af 5 har svaret (100 %)', `${name}: the district's response rate`);
    t.match(text, 'Mødets udbytte: 4,4 (5 svar)', `${name}: the mean of 4, 5, 4, 5 and 4`);
    t.match(text, 'Fælles sagsgennemgang gav konkrete aftaler.', `${name}: the district's lessons`);
  }

  const html = (await get('html')).body;
  t.match(html, '<svg class="chart"', 'HTML has bar charts');
  t.match(html, 'Mødets udbytte – Gennemsnit (1–5)', 'HTML has the evaluation means');
});
