import t from 'tap';
import { nowIso } from '../server/time.ts';

t.test("nowIso is the clock's ISO text, also when it reuses the last millisecond's", async (t) => {
  const before = Date.now();
  const stamps = Array.from({ length: 1000 }, () => nowIso());
  const after = Date.now();
  t.same(
    stamps.filter((stamp) => new Date(stamp).toISOString() !== stamp),
    [],
    'ISO 8601 in UTC, as toISOString writes it',
  );
  t.same(
    stamps.filter((stamp) => Date.parse(stamp) < before || Date.parse(stamp) > after),
    [],
    'the time each was taken',
  );
  t.same([...stamps].sort(), stamps, 'never going back');
  const first = nowIso();
  while (Date.now() === Date.parse(first));
  t.not(nowIso(), first, 'a millisecond later, a new text');
});
