import t from 'tap';
import { clockLabel, dayDate, isoWeekdayName, meetingTime, weekdayDayDate } from '../../server/text/dates.ts';

t.test('Danish dates and times', async (t) => {
  t.equal(dayDate('2027-03-12'), '12. marts 2027');
  t.equal(dayDate('2027-03-12', 'en'), '12 March 2027');
  t.equal(dayDate('2027-12-31T23:30:00Z'), '1. januar 2028', 'an instant is a Copenhagen day');
  t.equal(clockLabel('2027-07-01T07:30:00Z'), 'kl. 09.30', 'summer time');
  t.equal(clockLabel('2027-01-15T08:30:00Z'), 'kl. 09.30', 'winter time');
  t.equal(dayDate(null), '');
});

t.test('weekdays and meeting times in both languages', async (t) => {
  t.equal(weekdayDayDate('2027-03-30'), 'tirsdag 30. marts 2027');
  t.equal(weekdayDayDate('2027-03-30', 'en'), 'Tuesday 30 March 2027');
  t.same(
    [1, 2, 3, 4, 5, 6, 7].map((d) => isoWeekdayName(d)),
    ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'],
  );
  t.equal(
    meetingTime('2027-03-03T08:00:00Z', '2027-03-03T14:00:00Z', 'Europe/Copenhagen', 'da'),
    'onsdag den 3. marts 2027 kl. 09.00–15.00',
  );
  t.equal(
    meetingTime('2027-03-03T08:00:00Z', '2027-03-03T14:00:00Z', 'Europe/Copenhagen', 'en'),
    'Wednesday 3 March 2027 09:00–15:00',
  );
});
