import t from 'tap';
import { commandLineActor } from '../../server/accounts/accounts.ts';
import { sendInvitations } from '../../server/invitations/invitations.ts';
import { putAttendance } from '../../server/outcomes/attendance.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertInvitee, insertPerson } from '../helpers/factories.ts';
import { planTestYear } from '../helpers/scenarios.ts';

/** What a reader sees of a page: the text between the tags, in single spaces. */
const visibleText = (markup: string) =>
  markup
    .replace(/<(style|script)[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ');

/** Bornholm has one municipality: every count of one is said in the singular. */
t.test('a count of one reads "1 person", "0 af 1 kommune", "1 af 1 e-mail"', async (t) => {
  const { app, as } = await buildTestApp(t, { MAIL_SENDER: 'off' });
  const cycle = planTestYear(app.db, 2028);
  const bornholm = cycle.meetings.find((m) => m.area.name === 'Bornholms Politi')!;
  const page = async (url: string) => visibleText((await app.inject({ url, headers: as.facilitator })).body);
  const PLURAL_OF_ONE =
    /(?<![\d.])1 (personer|kommuner|organisationer|e-mails|politikredse)\b|af 1 (kommuner|organisationer|e-mails)\b/;

  const overview = await page('/aar/2028');
  t.match(overview, /Bornholms Politi .*?0 af 1 kommune /, 'no contact in the register yet: 0 af 1 kommune');
  t.notMatch(overview, PLURAL_OF_ONE);

  const only = insertPerson(app.db, {
    name: 'Birgit Kofoed',
    email: 'birgit@brk.dk',
    orgKind: 'municipality',
    orgCode: '400',
    roles: ['boerne-ungechef'],
  });
  t.match(
    await page('/aar/2028'),
    /Bornholms Politi .*?1 af 1 kommune /,
    'a contact in the register: 1 af 1 kommune',
  );

  const before = await page(`/moeder/${bornholm.id}`);
  t.match(before, '1 person i deltagerkredsen');
  t.notMatch(before, PLURAL_OF_ONE);

  sendInvitations(app.db, app.config, null, bornholm.id);
  putAttendance(app.db, commandLineActor, bornholm.id, { version: 0, personIds: [only] });
  const after = await page(`/moeder/${bornholm.id}`);
  t.match(after, '0 af 1 e-mail sendt, 1 i kø', 'the sending progress');
  t.match(after, /Bekræftet: 1 person, 1 af 2 organisationer repræsenteret/, 'the attendance');
  t.notMatch(after, PLURAL_OF_ONE);
});

t.test('the answer page calls the comment "(frivilligt)", never "(valgfri)"', async (t) => {
  const { app } = await buildTestApp(t);
  const cycle = planTestYear(app.db, 2028);
  const bornholm = cycle.meetings.find((m) => m.area.name === 'Bornholms Politi')!;
  const anna = insertInvitee(app.db, bornholm.id, {
    name: 'Anna Holm',
    email: 'anna@brk.dk',
    orgKind: 'municipality',
    orgCode: '400',
  });
  const answerPage = (await app.inject({ url: `/rsvp/${anna.token}` })).body;
  t.match(answerPage, 'Kommentar (frivilligt)');
  t.notMatch(answerPage, /valgfri/i);
});
