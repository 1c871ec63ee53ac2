import t from 'tap';
import { organisationsCountingForPlan } from '../../server/invitations/queries.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertMeeting, insertPerson } from '../helpers/factories.ts';
import { bornholmWithPeople } from '../helpers/scenarios.ts';

t.test(
  "a local police unit's people are in its district's audience and count for the district",
  async (t) => {
    const { app, as } = await buildTestApp(t);
    const { police } = bornholmWithPeople(app.db);
    const created = await app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: as.facilitator,
      payload: { kind: 'local_police_unit', name: 'Lokalpoliti Nexø', parentId: police.id },
    });
    t.equal(created.statusCode, 201);
    const unit = created.json() as { id: number };
    insertPerson(app.db, {
      name: 'Lone Lokalleder',
      email: 'lone@politi.test',
      organisationId: unit.id,
      roles: ['leder-personfarlig-kriminalitet'],
    });
    const m = insertMeeting(app.db, { districtCode: '1471', status: 'planned' });

    const audience = (
      await app.inject({ url: `/api/meetings/${m.id}/audience`, headers: as.viewer })
    ).json() as {
      people: { name: string; organisation: { name: string } }[];
      coverage: { members: { organisation: { id: number }; invited: number }[] };
    };
    t.match(
      audience.people.find((p) => p.name === 'Lone Lokalleder'),
      { organisation: { name: 'Lokalpoliti Nexø' } },
      'the unit leader is invited with the district',
    );
    const district = audience.coverage.members.find((c) => c.organisation.id === police.id)!;
    t.equal(district.invited, 3, 'she counts for the police district, with its own two');

    // every audience read looks the units up by their parent, not by reading the whole register
    const plan = organisationsCountingForPlan(app.db).join('\n');
    t.match(plan, /organisation_parent_idx/, 'the units are found through the parent index');
    t.notMatch(plan, /SCAN o\b/, 'the organisation table is not scanned');
  },
);
