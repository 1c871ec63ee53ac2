import t from 'tap';
import { applyRetention } from '../../server/privacy/retention.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertInvitee, insertMeeting } from '../helpers/factories.ts';
import { calendarOf, startSmtp } from '../helpers/mail.ts';
import { bornholmWithPeople } from '../helpers/scenarios.ts';

const DAY = 24 * 3600_000;
type Row = Record<string, string | number | null>;

t.test(
  'the reply deadline is in the invitation, its calendar DESCRIPTION and the answer page; a late answer is taken and marked',
  async (t) => {
    const smtp = await startSmtp(t);
    const { app, as } = await buildTestApp(t, { SMTP_URL: smtp.url });
    const { police } = bornholmWithPeople(app.db);
    const area = (await app.inject({ url: '/api/areas?kind=police_district', headers: as.viewer }))
      .json()
      .find((a: { convenerId: number }) => a.convenerId === police.id);
    const refused = await app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: as.facilitator,
      payload: { areaId: area.id, date: '2027-09-15', replyBy: '2027-09-15' },
    });
    t.equal(refused.statusCode, 400, 'a deadline on the day of the meeting is refused');
    t.match(refused.json().fields, [{ field: 'body.replyBy' }]);
    t.equal(
      (await app.inject({ url: `/api/meetings?area=${area.id}`, headers: as.viewer })).json().length,
      0,
      'no meeting was made',
    );

    const created = await app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: as.facilitator,
      payload: { areaId: area.id, date: '2027-09-15', replyBy: '2027-09-01' },
    });
    t.equal(created.statusCode, 201, created.body);
    const meeting = created.json();
    const sent = await app.inject({
      method: 'POST',
      url: `/api/meetings/${meeting.id}/invitations`,
      headers: as.facilitator,
    });
    t.equal(sent.statusCode, 200, sent.body);
    await smtp.waitFor(sent.json().queued);
    const mail = smtp.received.find((r) => r.envelopeTo.includes('pia@politi.test'))!.parsed;
    t.match(mail.text, /Svarfrist\s*:?\s*1\. september 2027/, 'the email gives the deadline');
    t.match(
      String(calendarOf(mail).vevent.getFirstPropertyValue('description')),
      /Svarfrist: 1\. september 2027/,
    );
    const token = /\/rsvp\/(rsvp_[A-Za-z0-9_-]+)/.exec(mail.text ?? '')![1]!;

    const page = await app.inject({ url: `/rsvp/${token}` });
    t.match(page.body, /Svar senest 1\. september 2027/, 'the answer page gives the deadline');
    t.match(page.body, /name="dietaryNeeds"/, 'and asks for dietary needs');
    t.match(page.body, /name="accessibilityNeeds"/, 'and for accessibility needs');

    const onTime = await app.inject({
      method: 'POST',
      url: `/rsvp/${token}`,
      headers: { accept: 'application/json' },
      payload: { answer: 'accepted', dietaryNeeds: 'Glutenfri', accessibilityNeeds: 'Kørestol' },
    });
    t.equal(onTime.statusCode, 200, onTime.body);
    t.match(onTime.json(), {
      dietaryNeeds: 'Glutenfri',
      accessibilityNeeds: 'Kørestol',
      late: false,
      replyBy: '2027-09-01',
    });

    // the deadline moved into the past: an answer now is late, still taken, and marked for the facilitator
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/meetings/${meeting.id}`,
      headers: as.facilitator,
      payload: {
        version: (await app.inject({ url: `/api/meetings/${meeting.id}`, headers: as.viewer })).json()
          .version,
        replyBy: '2026-11-01',
      },
    });
    t.equal(moved.statusCode, 200, moved.body);
    const late = await app.inject({
      method: 'POST',
      url: `/rsvp/${token}`,
      payload: 'answer=tentative&dietaryNeeds=Vegetar',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    t.equal(late.statusCode, 200, 'a late answer is taken');
    t.match(late.body, /Svarfristen er overskredet, men dit svar modtages stadig/);
    const responses = (
      await app.inject({ url: `/api/meetings/${meeting.id}/responses`, headers: as.viewer })
    ).json();
    const pia = responses.invitees.find(
      (i: { person: { email: string } }) => i.person.email === 'pia@politi.test',
    );
    t.match(pia, {
      response: 'tentative',
      late: true,
      dietaryNeeds: 'Vegetar',
      accessibilityNeeds: 'Kørestol',
    });
    t.equal(responses.replyBy, '2026-11-01');

    const bad = await app.inject({
      method: 'POST',
      url: `/rsvp/${token}`,
      headers: { accept: 'application/json' },
      payload: { answer: 'declined', dietaryNeeds: 'Nødder\u0007' },
    });
    t.equal(bad.statusCode, 400);
    t.match(bad.json().fields, [{ field: 'body.dietaryNeeds' }], 'a broken need is named');
    const after = (
      await app.inject({ url: `/api/meetings/${meeting.id}/responses`, headers: as.viewer })
    ).json();
    t.match(
      after.invitees.find((i: { person: { email: string } }) => i.person.email === 'pia@politi.test'),
      { response: 'tentative', dietaryNeeds: 'Vegetar' },
      'and nothing changed',
    );
  },
);

t.test('an answer after the meeting is refused with a Danish sentence and changes nothing', async (t) => {
  const { app } = await buildTestApp(t);
  const past = insertMeeting(app.db, {
    status: 'invited',
    startsAt: new Date(Date.now() - 3 * DAY).toISOString(),
    endsAt: new Date(Date.now() - 3 * DAY + 3 * 3600_000).toISOString(),
  });
  const invitee = insertInvitee(app.db, past.meetingId, {
    name: 'Ole Sen',
    email: 'ole@brk.test',
    organisationId: past.memberIds.Bornholm!,
    tokenExpiresAt: new Date(Date.now() + 30 * DAY).toISOString(),
  });
  const row = () =>
    app.db.$client
      .prepare(
        'SELECT response, responded_at AS respondedAt, dietary_needs AS dietaryNeeds FROM invitation WHERE id = ?',
      )
      .get(invitee.invitationId) as Row;
  const before = row();
  const page = await app.inject({ url: `/rsvp/${invitee.token}` });
  t.match(
    page.body,
    /Mødet er afholdt, så der kan ikke længere svares/,
    'the page says it before anyone tries',
  );
  t.notMatch(page.body, /name="answer"/, 'and offers no answer form');
  const form = await app.inject({
    method: 'POST',
    url: `/rsvp/${invitee.token}`,
    payload: 'answer=accepted&dietaryNeeds=Laktosefri',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  t.equal(form.statusCode, 409);
  t.match(form.body, /Mødet er afholdt, så der kan ikke længere svares\. Dit svar er ikke ændret\./);
  const json = await app.inject({
    method: 'POST',
    url: `/rsvp/${invitee.token}`,
    headers: { accept: 'application/json' },
    payload: { answer: 'declined' },
  });
  t.equal(json.statusCode, 409);
  t.match(json.json(), { status: 409, reason: 'over' });
  t.same(row(), before, 'nothing changed');
});

t.test(
  'needs go a set number of days after the meeting (RETENTION_ANSWER_NEEDS_DAYS), the answer stays',
  async (t) => {
    const { app } = await buildTestApp(t, { RETENTION_ANSWER_NEEDS_DAYS: '30' });
    const ends = Date.now() + 2 * DAY;
    const meeting = insertMeeting(app.db, {
      status: 'invited',
      startsAt: new Date(ends - 3 * 3600_000).toISOString(),
      endsAt: new Date(ends).toISOString(),
    });
    const invitee = insertInvitee(app.db, meeting.meetingId, {
      name: 'Ulla Hus',
      email: 'ulla@brk.test',
      organisationId: meeting.memberIds.Bornholm!,
    });
    const answered = await app.inject({
      method: 'POST',
      url: `/rsvp/${invitee.token}`,
      headers: { accept: 'application/json' },
      payload: {
        answer: 'accepted',
        dietaryNeeds: 'Halal',
        accessibilityNeeds: 'Teleslynge',
        comment: 'Glæder mig',
      },
    });
    t.equal(answered.statusCode, 200, answered.body);
    const needs = () =>
      app.db.$client
        .prepare(
          'SELECT response, comment, dietary_needs AS d, accessibility_needs AS a FROM invitation WHERE id = ?',
        )
        .get(invitee.invitationId) as Row;
    t.equal(
      applyRetention(app.db, app.config, new Date(ends + 29 * DAY)).answerNeeds,
      0,
      '29 days after: kept',
    );
    t.match(needs(), { d: 'Halal', a: 'Teleslynge' });
    t.equal(
      applyRetention(app.db, app.config, new Date(ends + 31 * DAY)).answerNeeds,
      1,
      '31 days after: gone',
    );
    t.same(
      needs(),
      { response: 'accepted', comment: 'Glæder mig', d: null, a: null },
      'the answer and comment stay',
    );
    const audit = app.db.$client
      .prepare("SELECT changes FROM audit_entry WHERE entity = 'invitation'")
      .all() as Row[];
    t.notMatch(JSON.stringify(audit), /Halal|Teleslynge/, 'the audit log never held the needs');
  },
);
