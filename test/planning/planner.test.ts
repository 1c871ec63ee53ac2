import fc from 'fast-check';
import t from 'tap';
import { dateOf, dayOf, isoWeekday, mondayOf, zonedToUtc } from '../../server/planning/days.ts';
import {
  chooseHost,
  type PlanInput,
  type PlannerArea,
  planCycle,
  replanArea,
} from '../../server/planning/planner.ts';
import { areaBlackoutDays, calendarViolations, checkMeeting } from '../../server/planning/rules.ts';
import { defaultSettings } from '../../server/planning/settings.ts';

function areasOf(n: number): PlannerArea[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    name: `Område ${String(i + 1).padStart(3, '0')}`,
    hosts: [
      { id: 1000 + i, name: `Politi ${i + 1}`, address: `Vej ${i + 1}` },
      { id: 2000 + i, name: `Kommune ${i + 1}`, address: null },
    ],
    hostHistory: [],
    lastDates: [],
  }));
}

/** Every hard rule a plan must keep, checked from the outside. */
interface Failer {
  fail(message: string): unknown;
}

function assertKeepsTheRules(
  t: Failer,
  input: PlanInput,
  meetings: Extract<ReturnType<typeof planCycle>, { ok: true }>['meetings'],
) {
  const { settings, year } = input;
  const byFacilitator = new Map<number, number[]>();
  const byArea = new Map<number, { sequence: number; day: number }[]>();
  for (const m of meetings) {
    const day = dayOf(m.date);
    const broken = calendarViolations(day, settings, year);
    if (broken.length) t.fail(`${m.date} breaks ${broken.map((b) => b.rule).join(', ')}`);
    if (!settings.weekdays.includes(isoWeekday(day))) t.fail(`${m.date} weekday`);
    if (areaBlackoutDays(settings, m.areaId).has(day))
      t.fail(`${m.date} is blacked out for area ${m.areaId}`);
    if (m.startsAt !== zonedToUtc(m.date, settings.startTime, settings.timeZone))
      t.fail(`${m.date} start time`);
    if (m.facilitatorId !== null) {
      const list = byFacilitator.get(m.facilitatorId) ?? [];
      list.push(day);
      byFacilitator.set(m.facilitatorId, list);
    } else if (input.facilitators.length > 0) t.fail('unassigned meeting although facilitators exist');
    const list = byArea.get(m.areaId) ?? [];
    list.push({ sequence: m.sequence, day });
    byArea.set(m.areaId, list);
  }
  for (const [id, days] of byFacilitator) {
    days.sort((a, b) => a - b);
    for (let i = 1; i < days.length; i++)
      if (days[i]! - days[i - 1]! < settings.minDaysBetween)
        t.fail(`facilitator ${id}: ${dateOf(days[i - 1]!)} and ${dateOf(days[i]!)} too close`);
    const weeks = new Map<number, number>();
    for (const d of days) weeks.set(mondayOf(d), (weeks.get(mondayOf(d)) ?? 0) + 1);
    for (const [monday, count] of weeks)
      if (count > settings.maxPerWeek)
        t.fail(`facilitator ${id}: ${count} meetings in week of ${dateOf(monday)}`);
  }
  for (const area of input.areas) {
    const own = (byArea.get(area.id) ?? []).sort((a, b) => a.sequence - b.sequence);
    if (own.length !== settings.meetingsPerArea) t.fail(`area ${area.id} has ${own.length} meetings`);
    own.forEach((m, i) => {
      if (m.sequence !== i + 1) t.fail(`area ${area.id} sequences`);
      if (i > 0 && m.day <= own[i - 1]!.day) t.fail(`area ${area.id} meetings out of order`);
    });
  }
}

const dateIn = (year: number) =>
  fc.integer({ min: 0, max: 364 }).map((offset) => dateOf(dayOf(`${year}-01-01`) + offset));

const cycleInput = fc.integer({ min: 2026, max: 2028 }).chain((year) =>
  fc.record({
    year: fc.constant(year),
    areaCount: fc.integer({ min: 1, max: 40 }),
    facilitatorCount: fc.integer({ min: 0, max: 6 }),
    meetingsPerArea: fc.integer({ min: 1, max: 3 }),
    maxPerWeek: fc.integer({ min: 1, max: 3 }),
    minDaysBetween: fc.integer({ min: 1, max: 4 }),
    weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 5 }),
    blackoutDates: fc.uniqueArray(dateIn(year), { maxLength: 30 }),
    areaBlackouts: fc.array(fc.uniqueArray(dateIn(year), { maxLength: 20 }), { maxLength: 40 }),
    history: fc.array(fc.option(dateIn(year - 1), { nil: null }), { maxLength: 40 }),
    narrow: fc.option(
      fc.record({ from: fc.integer({ min: 0, max: 200 }), length: fc.integer({ min: 7, max: 120 }) }),
      {
        nil: null,
      },
    ),
  }),
);

type CycleCase = typeof cycleInput extends fc.Arbitrary<infer T> ? T : never;

function toInput(c: CycleCase): PlanInput {
  const start = dayOf(`${c.year}-01-01`);
  const settings = defaultSettings({
    meetingsPerArea: c.meetingsPerArea,
    maxPerWeek: c.maxPerWeek,
    minDaysBetween: c.minDaysBetween,
    weekdays: c.weekdays,
    blackoutDates: c.blackoutDates,
    areaBlackoutDates: Object.fromEntries(c.areaBlackouts.map((dates, i) => [String(i + 1), dates])),
    ...(c.narrow
      ? {
          periodStart: dateOf(start + c.narrow.from),
          periodEnd: dateOf(start + c.narrow.from + c.narrow.length),
        }
      : {}),
  });
  const areas = areasOf(c.areaCount).map((a, i) => ({
    ...a,
    lastDates: c.history[i] ? [c.history[i]!] : [],
  }));
  const facilitators = Array.from({ length: c.facilitatorCount }, (_, i) => ({
    id: i + 1,
    name: `F${i + 1}`,
  }));
  return { year: c.year, settings, areas, facilitators };
}

t.test('no plan ever breaks a hard rule, and the same input gives the same plan', async (t) => {
  let feasible = 0;
  let infeasible = 0;
  fc.assert(
    fc.property(cycleInput, (c) => {
      const input = toInput(c);
      const result = planCycle(input);
      const again = planCycle(toInput(c));
      if (JSON.stringify(result) !== JSON.stringify(again)) return false;
      if (result.ok) {
        feasible++;
        let failed = false;
        const probe: Failer = {
          fail: (message: string) => {
            failed = true;
            t.fail(message);
          },
        };
        assertKeepsTheRules(probe, input, result.meetings);
        return !failed;
      }
      infeasible++;
      return result.unplaced.length > 0 && result.detail.length > 0;
    }),
    { numRuns: 300, seed: 20270101 },
  );
  t.ok(feasible > 50, `${feasible} feasible plans checked`);
  t.ok(infeasible > 0, `${infeasible} infeasible inputs answered without a plan`);
});

t.test(
  'the move check agrees with the planner: every planned meeting passes it where it stands',
  async (t) => {
    fc.assert(
      fc.property(cycleInput, (c) => {
        const input = toInput(c);
        const result = planCycle(input);
        if (!result.ok) return true;
        return result.meetings.every((m, i) => {
          const others = result.meetings.filter((_, j) => j !== i);
          const broken = checkMeeting({
            settings: input.settings,
            year: input.year,
            areaId: m.areaId,
            date: m.date,
            startTime: input.settings.startTime,
            endTime: input.settings.endTime,
            facilitatorDays:
              m.facilitatorId === null
                ? []
                : others.filter((o) => o.facilitatorId === m.facilitatorId).map((o) => dayOf(o.date)),
            areaDays: others.filter((o) => o.areaId === m.areaId).map((o) => dayOf(o.date)),
          });
          if (broken.length) t.fail(`${m.date}: ${broken.map((b) => b.message).join('; ')}`);
          return broken.length === 0;
        });
      }),
      { numRuns: 100, seed: 42 },
    );
  },
);

t.test('12 districts with 2 facilitators: spread over the year, even load', async (t) => {
  const input: PlanInput = {
    year: 2027,
    settings: defaultSettings(),
    areas: areasOf(12),
    facilitators: [
      { id: 1, name: 'Anne' },
      { id: 2, name: 'Bo' },
    ],
  };
  const result = planCycle(input);
  if (!result.ok) throw new Error(result.detail);
  assertKeepsTheRules(t, input, result.meetings);
  const months = new Set(result.meetings.map((m) => m.date.slice(5, 7)));
  t.ok(months.size >= 10, `meetings in ${months.size} months`);
  t.ok(
    result.meetings.every((m) => m.date.slice(5, 7) !== '07'),
    'none in July',
  );
  const loads = [1, 2].map((id) => result.meetings.filter((m) => m.facilitatorId === id).length);
  t.same(loads, [6, 6], 'six each');
  t.match(result.meetings[0]!.explanation, /jævnt over året/);
  t.match(result.meetings[0]!.explanation, /Facilitator: /);
});

t.test('an area meets near last cycle’s date', async (t) => {
  const areas = areasOf(3).map((a, i) => ({
    ...a,
    lastDates: [['2026-03-10', '2026-09-15', '2026-11-24'][i]!],
  }));
  const result = planCycle({
    year: 2027,
    settings: defaultSettings(),
    areas,
    facilitators: [{ id: 1, name: 'Anne' }],
  });
  if (!result.ok) throw new Error(result.detail);
  for (const m of result.meetings) {
    const last = areas.find((a) => a.id === m.areaId)!.lastDates[0]!;
    const distance = Math.abs(dayOf(m.date) - dayOf(`2027-${last.slice(5)}`));
    t.ok(distance <= 28, `${m.date} within 4 weeks of ${last}`);
    t.match(m.explanation, /passer med sidste års møde \(\d+\. \p{L}+ 2026\)\./u);
    t.same(m.warnings, []);
  }
});

t.test('k meetings per area are spaced over the year', async (t) => {
  const result = planCycle({
    year: 2027,
    settings: defaultSettings({ meetingsPerArea: 5 }),
    areas: areasOf(2),
    facilitators: [{ id: 1, name: 'Anne' }],
  });
  if (!result.ok) throw new Error(result.detail);
  const first = result.meetings.filter((m) => m.areaId === 1).map((m) => dayOf(m.date));
  t.equal(first.length, 5);
  for (let i = 1; i < first.length; i++) t.ok(first[i]! - first[i - 1]! >= 40, 'at least ~6 weeks apart');
});

t.test('too few facilitators: 422 material naming the rule, no plan', async (t) => {
  const result = planCycle({
    year: 2027,
    settings: defaultSettings({ periodStart: '2027-03-01', periodEnd: '2027-03-14' }),
    areas: areasOf(12),
    facilitators: [
      { id: 1, name: 'Anne' },
      { id: 2, name: 'Bo' },
    ],
  });
  t.equal(result.ok, false);
  if (result.ok) return;
  t.match(result.detail, '2 facilitators × 2 per week is too few for 12 districts in 2 weeks');
  t.ok(result.unplaced.length > 0);
  t.ok(result.unplaced.every((u) => u.rule === 'facilitatorCapacity'));
});

t.test('an area blacked out for the whole period is named with its rule', async (t) => {
  const settings = defaultSettings({
    periodStart: '2027-03-01',
    periodEnd: '2027-03-05',
    areaBlackoutDates: { '2': ['2027-03-02', '2027-03-03', '2027-03-04'] },
  });
  const result = planCycle({ year: 2027, settings, areas: areasOf(2), facilitators: [] });
  t.equal(result.ok, false);
  if (result.ok) return;
  t.same(
    result.unplaced.map((u) => [u.areaId, u.rule]),
    [[2, 'areaBlackoutDate']],
  );
});

t.test('venue rotation: nobody hosts twice before every willing host has hosted', async (t) => {
  const hosts = [
    { id: 1, name: 'Politi', address: 'Vej 1' },
    { id: 2, name: 'A Kommune', address: null },
    { id: 3, name: 'B Kommune', address: null },
  ];
  const history: number[] = [];
  for (let i = 0; i < 9; i++) history.push(chooseHost(hosts, history)!.id);
  t.same(history, [1, 2, 3, 1, 2, 3, 1, 2, 3]);
  t.equal(chooseHost(hosts, [2, 1, 2, 1])!.id, 3, 'the one who never hosted goes first');
  t.equal(chooseHost([], []), null);
});

t.test('re-planning one area keeps clear of the facilitators’ other meetings', async (t) => {
  const [area] = areasOf(1);
  const settings = defaultSettings({ areaBlackoutDates: { '1': ['2027-03-10'] } });
  const booked = [dayOf('2027-03-09'), dayOf('2027-03-11')];
  const result = replanArea({
    input: {
      year: 2027,
      settings,
      areas: [area!],
      facilitators: [{ id: 7, name: 'Anne', bookedDays: booked }],
    },
    area: area!,
    sequences: [{ sequence: 1, near: '2027-03-10' }],
  });
  if (!result.ok) throw new Error(result.detail);
  const day = dayOf(result.meetings[0]!.date);
  t.not(result.meetings[0]!.date, '2027-03-10', 'not on the area’s own blackout day');
  t.ok(
    booked.every((b) => Math.abs(b - day) >= 2),
    `${result.meetings[0]!.date} keeps two days from the bookings`,
  );
  t.ok(Math.abs(day - dayOf('2027-03-10')) <= 14, 'near where it was');
});

t.test('re-planning one area never breaks a rule against the meetings that stay', async (t) => {
  fc.assert(
    fc.property(cycleInput, fc.array(fc.integer({ min: 0, max: 364 }), { maxLength: 30 }), (c, busy) => {
      const input = toInput(c);
      const result = planCycle(input);
      if (!result.ok) return true;
      const [area] = input.areas;
      const stay = result.meetings.filter((m) => m.areaId !== area!.id);
      const blackout = busy.map((offset) => dateOf(dayOf(`${input.year}-01-01`) + offset));
      const settings = {
        ...input.settings,
        areaBlackoutDates: { ...input.settings.areaBlackoutDates, [String(area!.id)]: blackout },
      };
      const facilitators = input.facilitators.map((f) => ({
        ...f,
        bookedDays: stay.filter((m) => m.facilitatorId === f.id).map((m) => dayOf(m.date)),
      }));
      const again = replanArea({
        input: { ...input, settings, facilitators },
        area: area!,
        sequences: result.meetings
          .filter((m) => m.areaId === area!.id)
          .map((m) => ({ sequence: m.sequence, near: m.date })),
      });
      if (!again.ok) return again.unplaced.length > 0;
      const everything = [...stay, ...again.meetings];
      return again.meetings.every((m) => {
        const others = everything.filter((o) => o !== m);
        const broken = checkMeeting({
          settings,
          year: input.year,
          areaId: m.areaId,
          date: m.date,
          startTime: settings.startTime,
          endTime: settings.endTime,
          facilitatorDays:
            m.facilitatorId === null
              ? []
              : others.filter((o) => o.facilitatorId === m.facilitatorId).map((o) => dayOf(o.date)),
          areaDays: others.filter((o) => o.areaId === m.areaId).map((o) => dayOf(o.date)),
        });
        if (broken.length) t.fail(`${m.date}: ${broken.map((b) => b.message).join('; ')}`);
        return broken.length === 0;
      });
    }),
    { numRuns: 150, seed: 7 },
  );
});
