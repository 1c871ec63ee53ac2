import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';

t.test(
  'planning a year gives every new meeting a draft agenda with the district open barriers',
  async (t) => {
    const { app, as } = await buildTestApp(t);
    const organisationId = ((await app.inject({ url: '/api/municipalities' })).json() as { id: number }[])[0]!
      .id;
    for (const i of [1, 2])
      await app.inject({
        method: 'POST',
        url: '/api/people',
        headers: as.admin,
        payload: {
          name: `Facilitator ${i}`,
          email: `f${i}@sm.example`,
          organisationId,
          roles: ['facilitator'],
        },
      });
    const barrier = (
      await app.inject({
        method: 'POST',
        url: '/api/barriers',
        headers: as.facilitator,
        payload: {
          districtCode: '1465',
          category: 'other',
          description: 'Uklar rollefordeling',
          raisedOn: '2026-04-01',
        },
      })
    ).json();
    const cycle = await app.inject({
      method: 'POST',
      url: '/api/cycles',
      headers: as.facilitator,
      payload: { year: 2027, settings: {} },
    });
    t.equal(cycle.statusCode, 201, cycle.body);
    const meetings = cycle.json().meetings as { id: number; area: { districtCode: string } }[];
    t.equal(meetings.length, 12);
    const fyn = meetings.find((m) => m.area.districtCode === '1465')!;
    const agenda = (await app.inject({ url: `/api/meetings/${fyn.id}/agenda`, headers: as.viewer })).json();
    t.equal(agenda.filter((i: { source: string }) => i.source === 'catalogue').length, 3);
    t.match(
      agenda.find((i: { source: string }) => i.source === 'barrier'),
      { barrierId: barrier.id, title: 'Opfølgning på samarbejdsbarriere: Uklar rollefordeling' },
    );
    const other = meetings.find((m) => m.area.districtCode === '1460')!;
    const otherAgenda = (
      await app.inject({ url: `/api/meetings/${other.id}/agenda`, headers: as.viewer })
    ).json();
    t.equal(otherAgenda.length, 3, 'no barrier of Fyn on another district agenda');
  },
);
