import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';
import { easterSunday, plusDays } from '../helpers/calendar.ts';
import { areaOfDistrict, insertPerson } from '../helpers/factories.ts';
import { bornholmWithPeople, norwegianProgramme } from '../helpers/scenarios.ts';

interface PlannedMeeting {
  id: number;
  areaId: number;
  title: string;
  localDate: string;
  localStartTime: string;
  audienceRoleKeys: string[] | null;
  facilitator: { id: number } | null;
  explanation: string;
}

const gatherings = {
  periodStart: '2027-09-01',
  periodEnd: '2028-06-15',
  minDaysBetweenAreaMeetings: 14,
  facilitatorPerArea: true,
  series: [
    { key: 'alle', name: 'Samling for alle', meetingsPerArea: 5 },
    {
      key: 'ledere',
      name: 'Ledersamling',
      meetingsPerArea: 3,
      audienceRoleKeys: ['leder'],
      startTime: '12:00',
      endTime: '15:00',
    },
  ],
};

t.test(
  'Tjenestestøtteprogrammet: 5 gatherings for all and 3 for leaders per municipality, September to June',
  async (t) => {
    const { app, as } = await buildTestApp(t);
    const norwegian = await norwegianProgramme(app, as);
    const plan = await app.inject({
      method: 'POST',
      url: '/api/cycles',
      headers: as.facilitator,
      payload: { year: 2027, programme: norwegian.key, settings: gatherings },
    });
    t.equal(plan.statusCode, 201, plan.body);
    const cycle = plan.json() as { settings: { meetingsPerArea: number }; meetings: PlannedMeeting[] };
    t.equal(cycle.settings.meetingsPerArea, 8, 'the series add up');
    const meetings = cycle.meetings.filter((m) => m.areaId === norwegian.areaId);
    t.equal(meetings.length, 8);
    const leaders = meetings.filter((m) => /Ledersamling/.test(m.title));
    t.equal(leaders.length, 3, 'three leader gatherings');
    t.equal(meetings.filter((m) => /Samling for alle/.test(m.title)).length, 5, 'five for all staff');
    t.match(leaders[0]!.title, new RegExp(`${norwegian.areaName}: Ledersamling \\(1/3\\)`));
    t.same(
      leaders.map((m) => m.localStartTime),
      ['12:00', '12:00', '12:00'],
    );
    t.same(leaders[0]!.audienceRoleKeys, ['leder'], "the series' own audience");
    t.match(
      leaders[0]!.explanation,
      /Ledersamling, nr\. 1 av 3\./,
      'says which gathering it is, in Norwegian',
    );

    const dates = meetings.map((m) => m.localDate).sort();
    t.ok(dates[0]! >= '2027-09-01' && dates.at(-1)! <= '2028-06-15', 'within the programme year');
    t.ok(
      dates.some((d) => d.startsWith('2028-')),
      'across New Year',
    );
    t.equal(new Set(dates).size, 8, 'never two the same day');
    // Norway's public holidays computed here: fixed days, and Easter's by the Gauss/Meeus rule
    const holidays = new Set(
      [2027, 2028].flatMap((year) => [
        ...['01-01', '05-01', '05-17', '12-25', '12-26'].map((d) => `${year}-${d}`),
        ...[-3, -2, 0, 1, 39, 49, 50].map((n) => plusDays(easterSunday(year), n)),
      ]),
    );
    t.notOk(
      dates.some((d) => holidays.has(d)),
      'no Norwegian public holiday',
    );
    for (let i = 1; i < dates.length; i++) {
      const gap = (Date.parse(dates[i]!) - Date.parse(dates[i - 1]!)) / 86_400_000;
      t.ok(gap >= 14, `${dates[i - 1]} → ${dates[i]}: at least 14 days apart`);
    }
  },
);

t.test(
  'a period longer than a year, or a gap no plan can keep, is refused and nothing is saved',
  async (t) => {
    const { app, as } = await buildTestApp(t);
    const norwegian = await norwegianProgramme(app, as);
    const post = (settings: object) =>
      app.inject({
        method: 'POST',
        url: '/api/cycles',
        headers: as.facilitator,
        payload: { year: 2027, programme: norwegian.key, settings },
      });
    const tooLong = await post({ ...gatherings, periodEnd: '2028-09-01' });
    t.equal(tooLong.statusCode, 400);
    t.equal(tooLong.json().fields[0].field, 'body.settings.periodEnd');
    const twoYears = await post({ ...gatherings, periodEnd: '2029-01-10' });
    t.equal(twoYears.statusCode, 400);

    const cramped = await post({ ...gatherings, maxDaysBetweenAreaMeetings: 15 });
    t.equal(cramped.statusCode, 422, cramped.body);
    const unplaced = cramped.json().unplaced as { areaName: string; rule: string }[];
    t.ok(
      unplaced.some((u) => u.rule === 'areaGap' && u.areaName === norwegian.areaName),
      'names the area and the rule',
    );
    const meetings = await app.inject({ url: `/api/meetings?area=${norwegian.areaId}`, headers: as.viewer });
    t.same(meetings.json(), [], 'nothing half-saved');
  },
);

t.test(
  'each area keeps one facilitator all year when the settings say so, a fixed one where named',
  async (t) => {
    const { app, as } = await buildTestApp(t);
    const { municipality } = bornholmWithPeople(app.db);
    const extra = [1, 2].map((i) =>
      insertPerson(app.db, {
        name: `Proceslederen ${i}`,
        email: `proces${i}@kommune.test`,
        organisationId: municipality.id,
        roles: i === 1 ? ['facilitator'] : [],
      }),
    );
    const bornholm = areaOfDistrict(app.db, '1471');
    const plan = await app.inject({
      method: 'POST',
      url: '/api/cycles',
      headers: as.facilitator,
      payload: {
        year: 2027,
        settings: {
          meetingsPerArea: 3,
          facilitatorPerArea: true,
          // the second process leader has no facilitator role, but is fixed to Bornholm
          areaFacilitatorIds: { [String(bornholm.id)]: extra[1] },
        },
      },
    });
    t.equal(plan.statusCode, 201, plan.body);
    const meetings = plan.json().meetings as PlannedMeeting[];
    const byArea = new Map<number, Set<number | null>>();
    for (const m of meetings)
      byArea.set(m.areaId, (byArea.get(m.areaId) ?? new Set()).add(m.facilitator?.id ?? null));
    t.equal(byArea.size, 12);
    t.ok(
      [...byArea.values()].every((ids) => ids.size === 1),
      'one facilitator per area for all three meetings',
    );
    t.same([...byArea.get(bornholm.id)!], [extra[1]], 'Bornholm keeps the one named for it');

    const unknown = await app.inject({
      method: 'POST',
      url: '/api/cycles',
      headers: as.facilitator,
      payload: {
        year: 2028,
        settings: { facilitatorPerArea: true, areaFacilitatorIds: { [String(bornholm.id)]: 424242 } },
      },
    });
    t.equal(unknown.statusCode, 400);
    t.equal(unknown.json().fields[0].field, 'body.settings.areaFacilitatorIds');
  },
);
