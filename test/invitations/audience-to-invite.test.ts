import t from 'tap';
import { prepared } from '../../db/statements.ts';
import { commandLineActor } from '../../server/accounts/accounts.ts';
import { audienceToInvite, selectAudience } from '../../server/invitations/audience.ts';
import { addToAudience, removeFromAudience, sendInvitations } from '../../server/invitations/invitations.ts';
import { meetingRecord } from '../../server/planning/meetings.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertMeeting, insertPerson } from '../helpers/factories.ts';
import { bornholmWithPeople, districtOrganisations } from '../helpers/scenarios.ts';

t.test('a send reads the same people, in the same order, as the audience', async (t) => {
  const { app } = await buildTestApp(t);
  const db = app.db;
  const { police, municipality, people } = bornholmWithPeople(db);
  // a liaison officer of another district who covers Bornholm's municipality
  const fyn = districtOrganisations(db, '1461').find((o) => o.kind === 'police_district')!;
  const liaison = insertPerson(db, {
    name: 'Lars Forbindelsesofficer',
    email: 'lars@politi.test',
    organisationId: fyn.id,
    roles: ['leder-personfarlig-kriminalitet'],
  });
  prepared(db, 'INSERT INTO person_coverage (person_id, organisation_id) VALUES (?, ?)').run(
    liaison,
    municipality.id,
  );
  // a guest from outside the area, by hand; names that sort before and after the others
  const guest = insertPerson(db, { name: 'Åse Gæst', email: 'aase@andet.test', organisationId: fyn.id });
  const sameName = insertPerson(db, {
    name: 'Pia Politileder',
    email: 'pia2@politi.test',
    organisationId: police.id,
    roles: ['videoafhoerer'],
  });
  const m = insertMeeting(db, { districtCode: '1471', status: 'planned' });

  const compare = (step: string) => {
    const meeting = meetingRecord(db, m.id);
    const expected = selectAudience(db, meeting).map((p) => ({
      personId: p.personId,
      invitation: p.invitation && { id: p.invitation.id, state: p.invitation.state },
    }));
    t.same(audienceToInvite(db, meeting), expected, step);
    return expected;
  };

  t.equal(
    compare('nobody invited yet').length,
    6,
    'five of the area (not the facilitator) and the liaison officer',
  );
  addToAudience(db, commandLineActor, m.id, guest);
  removeFromAudience(db, app.config, commandLineActor, m.id, people.interviewer);
  const before = compare('one added by hand, one taken off');
  t.ok(
    before.some((p) => p.personId === guest),
    'the guest is in',
  );
  t.notOk(
    before.some((p) => p.personId === people.interviewer),
    'the one taken off is out',
  );
  t.ok(
    before.some((p) => p.personId === liaison),
    'the liaison officer covering the municipality is in',
  );

  sendInvitations(db, app.config, null, m.id, { personIds: [people.chief, sameName] });
  const partly = compare('two invited, the rest not yet');
  t.same(
    partly.filter((p) => p.invitation?.state === 'sent').map((p) => p.personId),
    [people.chief, sameName],
    'the two sent ones, the same name ordered by id',
  );
  t.ok(
    partly.some((p) => p.personId === guest && p.invitation?.state === 'pending'),
    'the guest waits to be sent',
  );

  sendInvitations(db, app.config, null, m.id);
  t.ok(
    compare('everyone invited').every((p) => p.invitation?.state === 'sent'),
    'everyone is sent',
  );
});
