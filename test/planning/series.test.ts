import fc from 'fast-check';
import t from 'tap';
import { dayOf, mondayOf, zonedToUtc } from '../../server/planning/days.ts';
import { type PlanInput, type PlannerArea, planCycle } from '../../server/planning/planner.ts';
import { areaBlackoutDays, calendarViolations } from '../../server/planning/rules.ts';
import { seriesSlots, withSeriesTotal } from '../../server/planning/series.ts';
import { defaultSettings } from '../../server/planning/settings.ts';

function areasOf(n: number): PlannerArea[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    name: `Kommune ${String(i + 1).padStart(3, '0')}`,
    hosts: [{ id: 1000 + i, name: `Rådhus ${i + 1}`, address: null }],
    hostHistory: [],
    lastDates: [],
  }));
}

const seriesCase = fc.record({
  areaCount: fc.integer({ min: 1, max: 25 }),
  facilitatorCount: fc.integer({ min: 0, max: 8 }),
  allStaff: fc.integer({ min: 1, max: 5 }),
  leaders: fc.integer({ min: 0, max: 3 }),
  minGap: fc.integer({ min: 1, max: 21 }),
  maxGap: fc.option(fc.integer({ min: 20, max: 120 }), { nil: null }),
  maxPerWeek: fc.integer({ min: 1, max: 3 }),
  minDaysBetween: fc.integer({ min: 1, max: 3 }),
  perArea: fc.boolean(),
  crossesNewYear: fc.boolean(),
});
type SeriesCase = typeof seriesCase extends fc.Arbitrary<infer T> ? T : never;

function toInput(c: SeriesCase): PlanInput {
  const series = [
    { key: 'alle', name: 'Samling for alle', meetingsPerArea: c.allStaff, audienceRoleKeys: null },
    ...(c.leaders
      ? [
          {
            key: 'ledere',
            name: 'Ledersamling',
            meetingsPerArea: c.leaders,
            audienceRoleKeys: ['leder'],
            startTime: '12:00',
            endTime: '15:00',
          },
        ]
      : []),
  ];
  const settings = withSeriesTotal(
    defaultSettings({
      series,
      minDaysBetweenAreaMeetings: c.minGap,
      maxDaysBetweenAreaMeetings: c.maxGap,
      maxPerWeek: c.maxPerWeek,
      minDaysBetween: c.minDaysBetween,
      facilitatorPerArea: c.perArea,
      timeZone: 'Europe/Oslo',
      holidayCountry: 'NO',
      ...(c.crossesNewYear ? { periodStart: '2027-09-01', periodEnd: '2028-06-15' } : {}),
    }),
  );
  const facilitators = Array.from({ length: c.facilitatorCount }, (_, i) => ({
    id: i + 1,
    name: `F${i + 1}`,
  }));
  return { year: 2027, settings, areas: areasOf(c.areaCount), facilitators };
}

t.test('linked series: no plan breaks a hard rule, and the same input gives the same plan', async (t) => {
  let feasible = 0;
  fc.assert(
    fc.property(seriesCase, (c) => {
      const input = toInput(c);
      const result = planCycle(input);
      if (JSON.stringify(result) !== JSON.stringify(planCycle(toInput(c)))) return false;
      if (!result.ok) {
        // an infeasible plan names every meeting it could not place, with a rule
        return result.unplaced.length > 0 && result.unplaced.every((u) => u.areaName && u.rule);
      }
      feasible++;
      const { settings } = input;
      const slots = seriesSlots(settings);
      const byArea = new Map<number, typeof result.meetings>();
      const byFacilitator = new Map<number, number[]>();
      for (const m of result.meetings) {
        const day = dayOf(m.date);
        if (calendarViolations(day, settings, 2027).length) return false;
        if (areaBlackoutDays(settings, m.areaId).has(day)) return false;
        const slot = slots[m.sequence - 1]!;
        if (m.slot.seriesKey !== slot.seriesKey) return false;
        if (m.startsAt !== zonedToUtc(m.date, slot.startTime, 'Europe/Oslo')) return false;
        byArea.set(m.areaId, [...(byArea.get(m.areaId) ?? []), m]);
        if (m.facilitatorId !== null)
          byFacilitator.set(m.facilitatorId, [...(byFacilitator.get(m.facilitatorId) ?? []), day]);
        else if (input.facilitators.length > 0) return false;
      }
      for (const area of input.areas) {
        const own = (byArea.get(area.id) ?? []).sort((a, b) => a.sequence - b.sequence);
        if (own.length !== c.allStaff + c.leaders) return false;
        if (own.filter((m) => m.slot.seriesKey === 'ledere').length !== c.leaders) return false;
        for (let i = 1; i < own.length; i++) {
          const gap = dayOf(own[i]!.date) - dayOf(own[i - 1]!.date);
          if (gap < c.minGap) return false; // never two on one day: minGap ≥ 1
          if (c.maxGap !== null && gap > c.maxGap) return false;
        }
        if (c.perArea && new Set(own.map((m) => m.facilitatorId)).size > 1) return false;
      }
      for (const days of byFacilitator.values()) {
        days.sort((a, b) => a - b);
        for (let i = 1; i < days.length; i++) if (days[i]! - days[i - 1]! < c.minDaysBetween) return false;
        const weeks = new Map<number, number>();
        for (const d of days) weeks.set(mondayOf(d), (weeks.get(mondayOf(d)) ?? 0) + 1);
        if ([...weeks.values()].some((n) => n > c.maxPerWeek)) return false;
      }
      return true;
    }),
    { numRuns: 150, seed: 20271 },
  );
  t.ok(feasible > 50, `most cases are feasible (${feasible} of 150)`);
});

t.test(
  '5 + 3 gatherings interleave over the programme year, the leaders spread from autumn to spring',
  async (t) => {
    const input = toInput({
      areaCount: 3,
      facilitatorCount: 3,
      allStaff: 5,
      leaders: 3,
      minGap: 14,
      maxGap: null,
      maxPerWeek: 2,
      minDaysBetween: 1,
      perArea: true,
      crossesNewYear: true,
    });
    const result = planCycle(input);
    t.ok(result.ok);
    if (!result.ok) return;
    const first = result.meetings.filter((m) => m.areaId === 1).sort((a, b) => a.sequence - b.sequence);
    t.same(
      first.map((m) => (m.slot.seriesKey === 'ledere' ? 'L' : 'S')).join(''),
      'SLSSLSLS',
      'the leaders meet between the staff gatherings',
    );
    t.ok(first[0]!.date >= '2027-09-01' && first.at(-1)!.date <= '2028-06-15', 'within September to June');
    t.ok(
      first.some((m) => m.date.startsWith('2028-')),
      'over New Year',
    );
    t.same(
      first.filter((m) => m.slot.seriesKey === 'ledere').map((m) => m.startTime),
      ['12:00', '12:00', '12:00'],
      'the leader gatherings at their own time',
    );
    t.equal(new Set(first.map((m) => m.facilitatorId)).size, 1, 'one process leader all year');
    t.match(first[1]!.explanation, /Ledersamling, nr\. 1 af 3\./);
    const leaderDates = first.filter((m) => m.slot.seriesKey === 'ledere').map((m) => m.date);
    t.ok(
      leaderDates[0]! < '2027-12-01' && leaderDates.at(-1)! > '2028-03-01',
      `the leaders meet from autumn to spring: ${leaderDates.join(', ')}`,
    );
  },
);
