import t from 'tap';
import { planRuleSentences } from '../../server/planning/explanations.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { easterSunday, plusDays } from '../helpers/calendar.ts';

const YEARS = [2027, 2028, 2029];

/** Monday, Tuesday and Wednesday before Easter Sunday. */
const daysBeforeEaster = (year: number) => [-6, -5, -4].map((n) => plusDays(easterSunday(year), n));

type Preview = {
  settings: { blackoutDays: string[] };
  meetings: { localDate: string; explanation: string }[];
};

async function dryRun(test: TestApp, year: number, settings: Record<string, unknown>) {
  return test.app.inject({
    method: 'POST',
    url: '/api/cycles',
    headers: test.as.facilitator,
    payload: { year, dryRun: true, settings },
  });
}

function bornholmArea(test: TestApp): number {
  return (
    test.app.db.$client
      .prepare(
        `SELECT a.id FROM area a JOIN organisation o ON o.id = a.convener_id
         WHERE a.kind = 'police_district' AND o.code = '1471'`,
      )
      .get() as { id: number }
  ).id;
}

t.test(
  'the Danish plans of 2027–2029 keep Grundlovsdag and Monday–Wednesday before Easter free',
  async (t) => {
    const test = await buildTestApp(t);
    for (const year of YEARS) {
      const kept = new Set([`${year}-06-05`, ...daysBeforeEaster(year)]);
      // spring on every weekday: twelve districts in four months, so the days would be in reach
      const res = await dryRun(test, year, {
        weekdays: [1, 2, 3, 4, 5],
        periodStart: `${year}-03-01`,
        periodEnd: `${year}-06-30`,
      });
      t.equal(res.statusCode, 200, res.body);
      const plan = res.json() as Preview;
      t.same(
        plan.settings.blackoutDays,
        ['constitution_day', 'days_before_easter'],
        `${year}: the Danish programme's defaults`,
      );
      t.equal(plan.meetings.length, 12);
      const onKeptDays = plan.meetings.filter((m) => kept.has(m.localDate)).map((m) => m.localDate);
      t.same(onKeptDays, [], `${year}: no meeting on ${[...kept].join(', ')}`);
    }
  },
);

t.test('with only those days open the plan is refused; lifting the blackout plans on them', async (t) => {
  const test = await buildTestApp(t);
  const areaIds = [bornholmArea(test)];
  const everyDay = [1, 2, 3, 4, 5, 6, 7];
  for (const year of YEARS) {
    const [monday, , wednesday] = daysBeforeEaster(year) as [string, string, string];
    const easterWeek = { areaIds, weekdays: everyDay, periodStart: monday, periodEnd: wednesday };
    const refused = await dryRun(test, year, easterWeek);
    t.equal(refused.statusCode, 422, `${year}: ${monday}–${wednesday} are kept free`);
    t.match(refused.headers['content-type'], /application\/problem\+json/);

    const lifted = await dryRun(test, year, { ...easterWeek, blackoutDays: ['constitution_day'] });
    t.equal(lifted.statusCode, 200, lifted.body);
    const [meeting] = (lifted.json() as Preview).meetings;
    t.ok(
      daysBeforeEaster(year).includes(meeting!.localDate),
      `${year}: lifted, the meeting is on ${meeting!.localDate}, a day before Easter`,
    );

    const june5 = `${year}-06-05`;
    const constitutionDay = { areaIds, weekdays: everyDay, periodStart: june5, periodEnd: june5 };
    t.equal(
      (await dryRun(test, year, constitutionDay)).statusCode,
      422,
      `${year}: Grundlovsdag is kept free`,
    );
    const open = await dryRun(test, year, { ...constitutionDay, blackoutDays: [] });
    // Whit Monday (Easter + 50) is a public holiday whatever the blackouts: 5 June 2028
    if (plusDays(easterSunday(year), 50) === june5) t.equal(open.statusCode, 422, `${year}: Whit Monday`);
    else {
      t.equal(open.statusCode, 200, open.body);
      t.equal((open.json() as Preview).meetings[0]!.localDate, june5, `${year}: lifted, on Grundlovsdag`);
    }
  }
});

t.test('a meeting moved onto a kept day is refused in Danish, naming the day', async (t) => {
  const test = await buildTestApp(t);
  const { app, as } = test;
  const created = await app.inject({
    method: 'POST',
    url: '/api/cycles',
    headers: as.facilitator,
    payload: { year: 2029, settings: {} },
  });
  t.equal(created.statusCode, 201, created.body);
  const meeting = created.json().meetings[0] as { id: number; version: number };
  const patch = (date: string) =>
    app.inject({
      method: 'PATCH',
      url: `/api/meetings/${meeting.id}`,
      headers: as.facilitator,
      payload: { version: meeting.version, date },
    });
  const june5 = await patch('2029-06-05');
  t.equal(june5.statusCode, 409, june5.body);
  t.match(june5.json().violations, [
    { rule: 'blackoutDay', message: /5\. juni 2029 er friholdt: Grundlovsdag\./ },
  ]);
  const [, tuesday] = daysBeforeEaster(2029) as [string, string, string];
  const easter = await patch(tuesday);
  t.equal(easter.statusCode, 409, easter.body);
  t.match(easter.json().violations, [{ rule: 'blackoutDay', message: /er friholdt: dagene før påske\./ }]);

  // the plan's explanation says so among its rules (the planning page shows them above the plan)
  const settings = (await app.inject({ url: '/api/cycles/2029', headers: as.viewer })).json().settings;
  const rules = planRuleSentences(settings);
  t.ok(rules.includes('Ikke Grundlovsdag.'), rules.join(' '));
  t.ok(rules.includes('Ikke dagene før påske.'));
});
