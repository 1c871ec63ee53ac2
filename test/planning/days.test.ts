import t from 'tap';
import {
  danishPublicHolidays,
  dateOf,
  dayOf,
  isoWeek,
  isoWeekday,
  utcToZoned,
  zonedToUtc,
} from '../../server/planning/days.ts';
import { calendarViolations } from '../../server/planning/rules.ts';
import { defaultSettings } from '../../server/planning/settings.ts';
import { weekdayDayDate } from '../../server/text/dates.ts';

t.test('Danish public holidays 2026–2028 come from date-holidays', async (t) => {
  const expected: Record<number, Record<string, string>> = {
    2026: {
      '2026-01-01': 'Nytårsdag',
      '2026-04-02': 'Skærtorsdag',
      '2026-04-03': 'Langfredag',
      '2026-04-05': 'Påskedag',
      '2026-04-06': 'Anden påskedag',
      '2026-05-14': 'Kristi Himmelfartsdag',
      '2026-05-24': 'Pinsedag',
      '2026-05-25': 'Anden Pinsedag',
      '2026-12-25': 'Juledag',
      '2026-12-26': 'Anden Juledag',
    },
    2027: {
      '2027-01-01': 'Nytårsdag',
      '2027-03-25': 'Skærtorsdag',
      '2027-03-26': 'Langfredag',
      '2027-03-28': 'Påskedag',
      '2027-03-29': 'Anden påskedag',
      '2027-05-06': 'Kristi Himmelfartsdag',
      '2027-05-16': 'Pinsedag',
      '2027-05-17': 'Anden Pinsedag',
      '2027-12-25': 'Juledag',
      '2027-12-26': 'Anden Juledag',
    },
    2028: {
      '2028-01-01': 'Nytårsdag',
      '2028-04-13': 'Skærtorsdag',
      '2028-04-14': 'Langfredag',
      '2028-04-16': 'Påskedag',
      '2028-04-17': 'Anden påskedag',
      '2028-05-25': 'Kristi Himmelfartsdag',
      '2028-06-04': 'Pinsedag',
      '2028-06-05': 'Anden Pinsedag',
      '2028-12-25': 'Juledag',
      '2028-12-26': 'Anden Juledag',
    },
  };
  for (const [year, days] of Object.entries(expected)) {
    t.same(Object.fromEntries(danishPublicHolidays(Number(year))), days, `${year}`);
  }
});

t.test('Store Bededag is a holiday until 2023 and no longer from 2024', async (t) => {
  t.equal(danishPublicHolidays(2023).get('2023-05-05'), 'Store Bededag');
  for (const year of [2024, 2026, 2027, 2028])
    t.notOk([...danishPublicHolidays(year).values()].includes('Store Bededag'), `${year}`);
  // Store Bededag 2027 would be Friday 23 April; a Thursday before it is an ordinary working day
  t.same(calendarViolations(dayOf('2027-04-22'), defaultSettings(), 2027), []);
});

t.test('holidays and blackouts are named by the rule they break', async (t) => {
  const settings = defaultSettings({ blackoutDates: ['2027-09-08'] });
  const rules = (date: string) => calendarViolations(dayOf(date), settings, 2027).map((v) => v.rule);
  t.same(rules('2027-03-25'), ['holiday'], 'Skærtorsdag (a Thursday)');
  t.same(rules('2027-05-06'), ['holiday'], 'Kristi Himmelfartsdag (a Thursday)');
  t.same(rules('2027-02-16'), ['blackoutWeek'], 'week 7: winter school holiday');
  t.same(rules('2027-10-19'), ['blackoutWeek'], 'week 42: autumn school holiday');
  t.same(rules('2027-07-13'), ['blackoutMonth'], 'July');
  t.same(rules('2027-12-21'), ['blackoutRange'], 'Christmas period');
  t.same(rules('2027-01-13'), [], 'after 3 January');
  t.same(rules('2027-12-16'), [], 'before 20 December');
  t.same(rules('2027-09-08'), ['blackoutDate'], "the cycle's own blackout");
  t.same(rules('2027-09-06'), ['weekday'], 'a Monday');
  t.same(rules('2028-01-04'), ['period'], 'next year');
});

t.test('ISO weeks and weekdays', async (t) => {
  t.equal(isoWeekday(dayOf('2027-03-30')), 2, 'Tuesday');
  t.equal(isoWeek(dayOf('2026-01-01')), 1);
  t.equal(isoWeek(dayOf('2027-01-01')), 53, '1 January 2027 is in week 53 of 2026');
  t.equal(isoWeek(dayOf('2027-01-04')), 1);
  t.equal(isoWeek(dayOf('2027-02-16')), 7);
  t.equal(isoWeek(dayOf('2027-10-19')), 42);
  t.equal(isoWeek(dayOf('2028-12-31')), 52);
  t.equal(dateOf(dayOf('2028-02-29')), '2028-02-29');
  t.equal(weekdayDayDate('2027-03-30'), 'tirsdag 30. marts 2027');
});

t.test('09:30 Copenhagen is 08:30Z in winter and 07:30Z in summer time', async (t) => {
  // summer time starts on the last Sunday of March (28 March 2027) and ends on the last Sunday of October (31 October 2027)
  t.equal(
    zonedToUtc('2027-03-23', '09:30', 'Europe/Copenhagen'),
    '2027-03-23T08:30:00.000Z',
    'Tuesday before',
  );
  t.equal(
    zonedToUtc('2027-03-30', '09:30', 'Europe/Copenhagen'),
    '2027-03-30T07:30:00.000Z',
    'Tuesday after',
  );
  t.equal(zonedToUtc('2027-03-30', '13:00', 'Europe/Copenhagen'), '2027-03-30T11:00:00.000Z');
  t.equal(
    zonedToUtc('2027-10-26', '09:30', 'Europe/Copenhagen'),
    '2027-10-26T07:30:00.000Z',
    'last summer Tuesday',
  );
  t.equal(
    zonedToUtc('2027-11-02', '09:30', 'Europe/Copenhagen'),
    '2027-11-02T08:30:00.000Z',
    'first winter Tuesday',
  );
  t.equal(zonedToUtc('2026-03-31', '09:30', 'Europe/Copenhagen'), '2026-03-31T07:30:00.000Z', '2026');
  t.equal(zonedToUtc('2028-03-28', '09:30', 'Europe/Copenhagen'), '2028-03-28T07:30:00.000Z', '2028');
  t.equal(zonedToUtc('2028-03-21', '09:30', 'Europe/Copenhagen'), '2028-03-21T08:30:00.000Z', '2028 winter');
  // the switch itself: 02:30 on 28 March 2027 does not exist, 03:30 is summer time
  t.equal(zonedToUtc('2027-03-28', '03:30', 'Europe/Copenhagen'), '2027-03-28T01:30:00.000Z');
  t.same(utcToZoned('2027-03-30T07:30:00.000Z', 'Europe/Copenhagen'), { date: '2027-03-30', time: '09:30' });
  t.same(utcToZoned('2027-12-31T23:30:00.000Z', 'Europe/Copenhagen'), { date: '2028-01-01', time: '00:30' });
});
