import t from 'tap';
import { queueFollowUpReminders } from '../../server/outcomes/follow-ups.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertPerson } from '../helpers/factories.ts';
import { startSmtp } from '../helpers/mail.ts';

t.test(
  'follow-ups: agreements near review and barriers open > 1 year; reminders once per due date',
  async (t) => {
    const { app, as } = await buildTestApp(t, { FOLLOW_UP_WINDOW_DAYS: '30' });
    const pia = insertPerson(app.db, {
      name: 'Pia Politi',
      email: 'pia@politi.dk',
      orgKind: 'police_district',
      orgCode: '1465',
    });
    const karl = insertPerson(app.db, {
      name: 'Karl Kommune',
      email: 'karl@odense.dk',
      orgKind: 'municipality',
      orgCode: '461',
    });
    const fixed = insertPerson(app.db, {
      name: 'Fast Kontakt',
      email: 'fast@politi.dk',
      orgKind: 'police_district',
      orgCode: '1465',
      isFixedContact: true,
    });
    const post = (url: string, payload: object) =>
      app.inject({ method: 'POST', url, headers: as.facilitator, payload }).then((r) => r.json());
    const today = new Date();
    const day = (offset: number) =>
      new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

    const soon = await post('/api/agreements', {
      districtCode: '1465',
      type: 'samarbejdsaftale',
      title: 'Snart til revision',
      status: 'in_force',
      reviewOn: day(10),
      contactPersonIds: [pia, karl],
    });
    const past = await post('/api/agreements', {
      districtCode: '1465',
      type: 'kontaktaftale',
      title: 'Overskredet',
      status: 'agreed',
      reviewOn: day(-5),
      contactPersonIds: [karl],
    });
    await post('/api/agreements', {
      districtCode: '1465',
      type: 'other',
      title: 'Langt ude',
      status: 'in_force',
      reviewOn: day(200),
    });
    await post('/api/agreements', {
      districtCode: '1465',
      type: 'other',
      title: 'Udkast',
      status: 'draft',
      reviewOn: day(1),
    });
    const oldBarrier = await post('/api/barriers', {
      districtCode: '1465',
      category: 'investigation_waiting_time',
      description: 'Lang ventetid',
      raisedOn: day(-400),
    });
    await post('/api/barriers', {
      districtCode: '1465',
      category: 'other',
      description: 'Ny',
      raisedOn: day(-30),
    });

    const list = (await app.inject({ url: '/api/follow-ups', headers: as.viewer })).json();
    t.equal(list.windowDays, 30);
    t.same(
      list.items.map((i: { kind: string; id: number }) => [i.kind, i.id]),
      [
        ['barrier_open', oldBarrier.id],
        ['agreement_review', past.id],
        ['agreement_review', soon.id],
      ],
    );
    t.match(list.items[1], { overdue: true });
    t.match(list.items[2], { overdue: false, contacts: [{ name: 'Karl Kommune' }, { name: 'Pia Politi' }] });
    t.same(
      list.items[0].contacts.map((c: { id: number }) => c.id),
      [fixed],
      'a barrier without named persons goes to the district fixed contacts',
    );
    const wider = (await app.inject({ url: '/api/follow-ups?windowDays=365', headers: as.viewer })).json();
    t.equal(wider.items.length, 4);

    t.equal(
      (await app.inject({ method: 'POST', url: '/api/follow-ups/send', headers: as.viewer })).statusCode,
      403,
    );
    const sent = await app.inject({ method: 'POST', url: '/api/follow-ups/send', headers: as.facilitator });
    t.equal(sent.statusCode, 200, sent.body);
    t.same(sent.json(), { queued: 4, alreadySent: 0 });
    const outbox = app.db.$client
      .prepare(
        "SELECT to_address AS toAddress, subject, content FROM outbox_message WHERE kind = 'follow-up' ORDER BY id",
      )
      .all() as { toAddress: string; subject: string; content: string }[];
    t.equal(outbox.length, 4);
    t.ok(
      outbox.some(
        (m) => m.toAddress === 'karl@odense.dk' && m.subject === 'Aftale til revision: Overskredet',
      ),
    );
    t.ok(outbox.some((m) => m.toAddress === 'fast@politi.dk' && /over et år/.test(m.subject)));
    t.match(
      JSON.parse(outbox.find((m) => m.subject.includes('Snart'))!.content).text,
      /skal revideres senest \d+\. \w+ \d{4}/,
    );

    t.same(
      queueFollowUpReminders(app.db, app.config),
      { queued: 0, alreadySent: 4 },
      'never twice for a due date',
    );
    await app.inject({
      method: 'PATCH',
      url: `/api/agreements/${past.id}`,
      headers: as.facilitator,
      payload: { version: 1, reviewOn: day(-1) },
    });
    t.same(
      queueFollowUpReminders(app.db, app.config),
      { queued: 1, alreadySent: 3 },
      'a new due date is reminded anew',
    );
    const later = new Date(today.getTime() + 400 * 86_400_000);
    const far = queueFollowUpReminders(app.db, app.config, later);
    t.ok(far.queued >= 0);
  },
);

t.test('a follow-up reminder arrives by real SMTP, in Danish', async (t) => {
  const smtp = await startSmtp(t);
  const { app, as } = await buildTestApp(t, { SMTP_URL: smtp.url });
  const pia = insertPerson(app.db, {
    name: 'Pia Ærø',
    email: 'pia@politi.dk',
    orgKind: 'police_district',
    orgCode: '1465',
  });
  const due = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
  await app.inject({
    method: 'POST',
    url: '/api/agreements',
    headers: as.facilitator,
    payload: {
      districtCode: '1465',
      type: 'vejledningsmateriale',
      title: 'Vejledning om børnesamtaler',
      status: 'in_force',
      reviewOn: due,
      contactPersonIds: [pia],
    },
  });
  const sent = await app.inject({
    method: 'POST',
    url: '/api/follow-ups/send',
    headers: as.facilitator,
    payload: {},
  });
  t.same(sent.json(), { queued: 1, alreadySent: 0 });
  await smtp.waitFor(1);
  const [mail] = smtp.received;
  t.same(mail!.envelopeTo, ['pia@politi.dk']);
  t.equal(mail!.parsed.subject, 'Aftale til revision: Vejledning om børnesamtaler');
  t.match(mail!.parsed.text, /Kære Pia Ærø/);
  t.match(mail!.parsed.text, /skal revideres senest \d{1,2}\. [a-zæøå]+ \d{4}/);
});
