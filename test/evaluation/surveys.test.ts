import t from 'tap';
import type { Db } from '../../db/client.ts';
import { prepared } from '../../db/statements.ts';
import { queueDueSurveys, queueSurveyReminders } from '../../server/evaluation/surveys.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertInvitee, insertMeeting } from '../helpers/factories.ts';
import { startSmtp } from '../helpers/mail.ts';

const DAY = 86_400_000;
const linkIn = (text: string | undefined) => /\/evaluering\/(eval_[A-Za-z0-9_-]+)/.exec(text ?? '')?.[1];

/** A Bornholm meeting a week ago with seven who accepted and one who declined. */
function meetingWithParticipants(db: Db) {
  const startsAt = new Date(Date.now() - 7 * DAY).toISOString();
  const m = insertMeeting(db, { startsAt, status: 'invited', title: 'Politikredsmøde Bornholm' });
  const people = Array.from({ length: 7 }, (_, i) => ({
    name: `Deltager ${i + 1}`,
    email: `deltager${i + 1}@bornholm.test`,
  }));
  for (const p of people)
    insertInvitee(db, m.meetingId, { ...p, orgKind: 'municipality', orgCode: '400', response: 'accepted' });
  insertInvitee(db, m.meetingId, {
    name: 'Afbud Andersen',
    email: 'afbud@bornholm.test',
    orgKind: 'municipality',
    orgCode: '400',
    response: 'declined',
  });
  return { meetingId: m.meetingId, people };
}

t.test(
  'a held meeting is evaluated: survey by SMTP, anonymous answers, results from five on, one reminder',
  async (t) => {
    const smtp = await startSmtp(t);
    const { app, as } = await buildTestApp(t, { SMTP_URL: smtp.url });
    const { meetingId, people } = meetingWithParticipants(app.db);
    const send = () =>
      app.inject({ method: 'POST', url: `/api/meetings/${meetingId}/evaluation`, headers: as.facilitator });
    const results = async () =>
      (await app.inject({ url: `/api/meetings/${meetingId}/evaluation`, headers: as.viewer })).json();
    const answer = (token: string, payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: `/evaluering/${token}`, payload });

    const early = await send();
    t.equal(early.statusCode, 409, 'not before the meeting is held');
    t.match(early.json(), { reason: 'notHeld' });
    const held = await app.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/status`,
      headers: as.facilitator,
      payload: { version: 1, status: 'held' },
    });
    t.equal(held.json().status, 'held');
    const sent = await send();
    t.equal(sent.statusCode, 201);
    t.equal(sent.json().sent, 7, 'the seven who accepted; not the one who declined');
    t.equal((await send()).statusCode, 409, 'sent once only');

    await smtp.waitFor(7);
    t.equal(smtp.received.length, 7);
    const tokens = new Map<string, string>();
    for (const mail of smtp.received) {
      t.equal(mail.parsed.subject, 'Evaluering: Politikredsmøde Bornholm');
      t.match(mail.parsed.text, /anonyme/);
      tokens.set(mail.envelopeTo[0]!, linkIn(mail.parsed.text)!);
    }
    t.notOk(tokens.has('afbud@bornholm.test'));
    const tokenOf = (i: number) => tokens.get(people[i]!.email)!;

    const view = await app.inject({
      url: `/evaluering/${tokenOf(0)}`,
      headers: { accept: 'application/json' },
    });
    t.same(
      view.json().questions.map((q: { label: string }) => q.label),
      [
        'Mødets udbytte',
        'Relevans for mit arbejde',
        'Samarbejdet mellem politi og kommune',
        'Hvad kan gøres bedre?',
      ],
    );
    const page = await app.inject({ url: `/evaluering/${tokenOf(0)}` });
    t.match(page.body, /Evaluering af mødet/);
    t.equal(page.headers['cache-control'], 'no-store');

    const bad = await answer(tokenOf(0), { udbytte: 7, ukendt: 'x' });
    t.equal(bad.statusCode, 400);
    t.same(
      bad
        .json()
        .fields.map((f: { field: string }) => f.field)
        .sort(),
      ['body.udbytte', 'body.ukendt'],
    );

    for (let i = 0; i < 4; i++) {
      const res = await answer(tokenOf(i), {
        udbytte: i + 2,
        relevans: 4,
        samarbejde: 5,
        forbedringer: i === 0 ? 'Mere tid til drøftelse' : '',
      });
      t.equal(res.statusCode, 204, `participant ${i + 1} answers`);
    }
    const four = await results();
    t.match(four.results, { asked: 7, answered: 4, shown: false, questions: [] });
    t.equal(four.results.responseRate, 4 / 7);
    const year = (
      await app.inject({
        url: `/api/evaluations?year=${new Date(Date.now() - 7 * DAY).getUTCFullYear()}`,
        headers: as.viewer,
      })
    ).json();
    t.match(year.areas.find((a: { code: string }) => a.code === '1471').results, {
      answered: 4,
      shown: false,
      questions: [],
    });

    const twice = await answer(tokenOf(0), { udbytte: 1 });
    t.equal(twice.statusCode, 409, 'a survey answered twice is refused');
    t.match(twice.json(), { reason: 'alreadyAnswered' });
    const responses = () =>
      prepared<{ n: number }>(app.db, 'SELECT count(*) AS n FROM evaluation_response').get()!.n;
    t.equal(responses(), 4, 'and changes nothing');

    const form = await app.inject({
      method: 'POST',
      url: `/evaluering/${tokenOf(4)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'udbytte=3&relevans=&samarbejde=4&forbedringer=F%C3%A6rre+slides',
    });
    t.equal(form.statusCode, 200);
    t.match(form.body, /Tak for dit svar/);
    const formAgain = await app.inject({
      method: 'POST',
      url: `/evaluering/${tokenOf(4)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'udbytte=1',
    });
    t.equal(formAgain.statusCode, 409);
    t.match(formAgain.body, /Du har allerede besvaret denne evaluering/);
    t.equal(responses(), 5);

    const five = (await results()).results;
    t.match(five, { asked: 7, answered: 5, shown: true });
    const q = (key: string) => five.questions.find((x: { key: string }) => x.key === key);
    t.same(q('udbytte').distribution, [0, 1, 2, 1, 1], 'scores 2, 3, 4, 5 and 3');
    t.equal(q('udbytte').mean, (2 + 3 + 4 + 5 + 3) / 5);
    t.equal(q('relevans').answers, 4, 'a blank scale counts as no answer');
    t.same(q('forbedringer').texts, ['Færre slides', 'Mere tid til drøftelse']);

    // one reminder, after the programme's 7 days, to the two who have not answered
    const now = Date.now();
    t.equal(queueSurveyReminders(app.db, app.config, new Date(now + 6 * DAY)), 0, 'not before the day');
    t.equal(queueSurveyReminders(app.db, app.config, new Date(now + 8 * DAY)), 2);
    t.equal(queueSurveyReminders(app.db, app.config, new Date(now + 9 * DAY)), 0, 'once only');
    await smtp.waitFor(9);
    const reminders = smtp.received.slice(7);
    t.same(reminders.map((r) => r.envelopeTo[0]).sort(), [people[5]!.email, people[6]!.email]);
    t.match(reminders[0]!.parsed.subject, /^Påmindelse – evaluering: /);
    const reminderToken = linkIn(reminders[0]!.parsed.text)!;
    t.not(reminderToken, tokens.get(reminders[0]!.envelopeTo[0]!));
    t.equal((await answer(reminderToken, { udbytte: 4 })).statusCode, 204, 'the reminder link works');
    t.equal(
      (await answer(tokens.get(reminders[0]!.envelopeTo[0]!)!, { udbytte: 4 })).statusCode,
      409,
      'and the first link of the same person is then answered',
    );
    t.equal((await app.inject({ url: '/evaluering/eval_nonsense' })).statusCode, 404);
  },
);

t.test('anonymity: nothing stored with an answer names the person, their link or the time', async (t) => {
  const { app } = await buildTestApp(t);
  const columns = (table: string) =>
    prepared<{ name: string }>(app.db, `SELECT name FROM pragma_table_info('${table}')`)
      .all()
      .map((c) => c.name);
  const references = (table: string) =>
    prepared<{ table: string }>(app.db, `SELECT "table" FROM pragma_foreign_key_list('${table}')`)
      .all()
      .map((r) => r.table);
  t.same(columns('evaluation_response').sort(), ['id', 'meeting_id']);
  t.same(columns('evaluation_answer').sort(), ['question_key', 'response_id', 'score', 'text']);
  t.same(references('evaluation_response'), ['evaluation_survey']);
  t.same(references('evaluation_answer'), ['evaluation_response']);
  t.notOk(
    columns('evaluation_recipient').some((c) => /response|score|text|answered_at/.test(c)),
    'who was asked says nothing of what or when they answered',
  );
});

t.test('a meeting marked held gets its survey by itself; an old one does not', async (t) => {
  const { app } = await buildTestApp(t, { MAIL_SENDER: 'off' });
  const recent = meetingWithParticipants(app.db);
  prepared(app.db, "UPDATE meeting SET status = 'held' WHERE id = ?").run(recent.meetingId);
  const old = insertMeeting(app.db, {
    districtCode: '1465',
    status: 'held',
    startsAt: '2025-03-03T08:00:00Z',
  });
  insertInvitee(app.db, old.meetingId, {
    name: 'Gammel Deltager',
    email: 'gammel@fyn.test',
    orgKind: 'municipality',
    orgCode: '461',
    response: 'accepted',
  });
  t.equal(queueDueSurveys(app.db, app.config), 7);
  t.equal(queueDueSurveys(app.db, app.config), 0, 'once');
  const surveyed = prepared<{ meetingId: number }>(
    app.db,
    'SELECT meeting_id AS meetingId FROM evaluation_survey',
  ).all();
  t.same(surveyed, [{ meetingId: recent.meetingId }]);
});
