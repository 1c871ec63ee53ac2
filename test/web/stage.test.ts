import t from 'tap';
import { prepared } from '../../db/statements.ts';
import { sendInvitations } from '../../server/invitations/invitations.ts';
import { agendaSuggestions } from '../../server/outcomes/agenda.ts';
import { buildTestApp } from '../helpers/app.ts';
import { bornholmContacts, planTestYear } from '../helpers/scenarios.ts';

t.test('marks, defaults and breadcrumbs that fit the stage and the year in view', async (t) => {
  const { app, as } = await buildTestApp(t, { MAIL_SENDER: 'off' });
  bornholmContacts(app.db);
  const cycle = planTestYear(app.db, 2028);
  const bornholm = cycle.meetings.find((m) => m.area.name === 'Bornholms Politi')!;

  const overview = (await app.inject({ url: '/aar/2028', headers: as.facilitator })).body;
  t.notMatch(overview, 'uden deltager', 'no "without participant" before any invitation is sent');
  t.match(overview, /\d+ kommuner uden kontaktperson i registret/, 'the register is what is missing then');
  t.notMatch(overview, /\b1 kommuner\b/);
  t.match(overview, 'href="/kredse/1470?aar=2028"');

  sendInvitations(app.db, app.config, null, bornholm.id);
  const row = /<tr>(?:(?!<\/tr>)[\s\S])*Bornholms Politi(?:(?!<\/tr>)[\s\S])*<\/tr>/.exec(
    (await app.inject({ url: '/aar/2028', headers: as.facilitator })).body,
  )![0];
  t.notMatch(row, 'uden kontaktperson', 'Bornholm, invited, is covered');

  const district = (await app.inject({ url: '/kredse/1470?aar=2028', headers: as.facilitator })).body;
  t.match(district, 'href="/aar/2028"', 'the breadcrumb goes back to the year in view');

  const reports = (await app.inject({ url: '/rapporter', headers: as.facilitator })).body;
  t.match(reports, /id="year"[^>]*value="2028"|value="2028"[^>]*id="year"/, 'the latest planned year');

  // a planned meeting later in the district has not discussed anything yet
  const theme = prepared(app.db, 'SELECT id FROM theme ORDER BY id LIMIT 1').get() as { id: number };
  const later = cycle.meetings.find((m) => m.area.name === 'Bornholms Politi')!;
  prepared(
    app.db,
    `INSERT INTO agenda_item (meeting_id, position, title, theme_id, created_at, updated_at)
     VALUES (?, 99, 'Tema', ?, '2027-01-01T00:00:00Z', '2027-01-01T00:00:00Z')`,
  ).run(later.id, theme.id);
  const other = prepared(
    app.db,
    `INSERT INTO meeting (area_id, title, status, starts_at, ends_at, ics_uid, created_at, updated_at)
     SELECT area_id, 'Tidligere møde', 'planned', '2027-02-10T08:00:00Z', '2027-02-10T12:00:00Z', 'x-1@test',
            created_at, updated_at FROM meeting WHERE id = ? RETURNING id`,
  ).get(later.id) as { id: number };
  const reasonFor = () =>
    agendaSuggestions(app.db, other.id).find((s) => s.themeId === theme.id)?.reason ?? '(on the agenda)';
  prepared(app.db, 'DELETE FROM agenda_item WHERE meeting_id = ? AND theme_id = ?').run(other.id, theme.id);
  t.equal(reasonFor(), 'Temaet er ikke drøftet i kredsen før', 'a meeting not held has discussed nothing');
  prepared(app.db, `UPDATE meeting SET status = 'held' WHERE id = ?`).run(later.id);
  t.match(reasonFor(), /^Temaet blev sidst drøftet i kredsen \d{1,2}\. [a-zæøå]+ 2028$/, 'a Danish date');
});
