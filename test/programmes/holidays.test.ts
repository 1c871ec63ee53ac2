import t from 'tap';
import { publicHolidays } from '../../server/planning/days.ts';
import { buildTestApp } from '../helpers/app.ts';
import { easterSunday, plusDays } from '../helpers/calendar.ts';
import { grantTestAccounts } from '../helpers/scenarios.ts';

/** Norway's public holidays (helligdager) of a year, computed here from the calendar and Easter. */
function norwegianHolidays(year: number): string[] {
  const easter = easterSunday(year);
  return [
    `${year}-01-01`,
    plusDays(easter, -3), // skjærtorsdag
    plusDays(easter, -2), // langfredag
    plusDays(easter, 0), // første påskedag
    plusDays(easter, 1), // andre påskedag
    `${year}-05-01`,
    plusDays(easter, 39), // Kristi himmelfartsdag
    `${year}-05-17`,
    plusDays(easter, 49), // første pinsedag
    plusDays(easter, 50), // andre pinsedag
    `${year}-12-25`,
    `${year}-12-26`,
  ].sort();
}

t.test('Norwegian public holidays 2027–2029 are the ones computed independently', async (t) => {
  t.equal(easterSunday(2027).toISOString().slice(0, 10), '2027-03-28', 'the Easter rule itself');
  for (const year of [2027, 2028, 2029]) {
    const found = [...publicHolidays(year, 'NO').keys()].sort();
    t.same(found, [...new Set(norwegianHolidays(year))], `${year}`);
  }
  t.notOk(publicHolidays(2028, 'DK').has('2028-05-01'), '1 May is a working day in Denmark');
});

t.test(
  "a Norwegian programme's year is never planned on a Norwegian holiday, and titles follow its pattern",
  async (t) => {
    const { app, as } = await buildTestApp(t);
    const areaIds: number[] = [];
    for (const name of ['Region øst', 'Region sør']) {
      const convener = await app.inject({
        method: 'POST',
        url: '/api/organisations',
        headers: as.facilitator,
        payload: { kind: 'other', name: `Bufetat ${name}` },
      });
      const area = await app.inject({
        method: 'POST',
        url: '/api/areas',
        headers: as.facilitator,
        payload: { name, kind: 'bufetat_region', convenerId: convener.json().id },
      });
      t.equal(area.statusCode, 201, area.body);
      areaIds.push(area.json().id);
    }
    const programme = await app.inject({
      method: 'POST',
      url: '/api/programmes',
      headers: as.admin,
      payload: {
        key: 'no-dialogmoter',
        name: 'Dialogmøter',
        language: 'nb',
        holidayCountry: 'NO',
        timeZone: 'Europe/Oslo',
        areaKind: 'bufetat_region',
        titlePattern: 'Dialogmøte {year} – {area}',
        settings: {
          taxonomy: {
            agreementTypes: [{ key: 'avtale', labels: { nb: 'Avtale' } }],
            barrierCategories: [{ key: 'annet', labels: { nb: 'Annet' } }],
            forumLevels: [{ key: 'felles', labels: { nb: 'Felles forum' } }],
          },
          planning: {
            weekdays: [1, 2, 3, 4, 5, 6, 7],
            blackoutWeeks: [],
            blackoutMonths: [],
            blackoutRanges: [],
            startTime: '10:00',
            endTime: '14:00',
            maxPerWeek: 7,
            minDaysBetween: 1,
          },
        },
      },
    });
    t.equal(programme.statusCode, 201, programme.body);
    // a new programme is the admins' until its facilitators are given it
    await grantTestAccounts(app, as, ['no-dialogmoter']);

    // 1 May 2028 is a Monday: a Norwegian holiday, a Danish working day; the 17th a Wednesday
    for (const [periodStart, periodEnd, holiday] of [
      ['2028-05-01', '2028-05-03', '2028-05-01'],
      ['2028-05-16', '2028-05-18', '2028-05-17'],
    ]) {
      const plan = await app.inject({
        method: 'POST',
        url: '/api/cycles',
        headers: as.facilitator,
        payload: {
          year: 2028,
          programme: 'no-dialogmoter',
          dryRun: true,
          settings: { periodStart, periodEnd },
        },
      });
      t.equal(plan.statusCode, 200, plan.body);
      const dates = plan.json().meetings.map((m: { localDate: string }) => m.localDate);
      t.equal(dates.length, 2);
      t.notOk(dates.includes(holiday), `nothing on ${holiday}: ${dates.join(', ')}`);
      t.equal(plan.json().settings.holidayCountry, 'NO');
      t.equal(plan.json().settings.timeZone, 'Europe/Oslo', "the programme's time zone");
      t.equal(plan.json().settings.startTime, '10:00', "the programme's planning defaults");
      t.same(
        plan
          .json()
          .meetings.map((m: { title: string }) => m.title)
          .sort(),
        ['Dialogmøte 2028 – Region sør', 'Dialogmøte 2028 – Region øst'],
      );
      t.equal(plan.json().name, 'Dialogmøter 2028');
    }

    const unknown = await app.inject({
      method: 'POST',
      url: '/api/cycles',
      headers: as.facilitator,
      payload: { year: 2028, programme: 'nowhere', dryRun: true },
    });
    t.equal(unknown.statusCode, 400);
    t.equal(unknown.json().fields[0].field, 'body.programme');

    const danish = await app.inject({
      method: 'POST',
      url: '/api/cycles',
      headers: as.facilitator,
      payload: { year: 2028, dryRun: true },
    });
    t.equal(danish.statusCode, 200);
    t.equal(danish.json().meetings.length, 12, 'without a programme named, the Danish one is planned');
    t.match(danish.json().meetings[0].title, /^Politikredsmøde 2028 – /);
    t.equal(danish.json().name, 'Politikredsmøder 2028');
  },
);
