import t from 'tap';
import { da } from '../../server/text/catalogues/da.ts';
import { nb } from '../../server/text/catalogues/nb.ts';
import { clockLabel, dayDate, meetingTime, monthName, weekdayDayDate } from '../../server/text/dates.ts';
import { isLanguage, languageOr, textLanguages } from '../../server/text/language.ts';
import { catalogueFor } from '../../server/text/messages.ts';
import { formatShare } from '../../server/text/numbers.ts';

/** Every leaf of a catalogue by its dotted path: strings, and functions by their source. */
function leaves(node: unknown, path = ''): [string, unknown][] {
  if (node && typeof node === 'object' && !Array.isArray(node))
    return Object.entries(node).flatMap(([key, value]) => leaves(value, path ? `${path}.${key}` : key));
  return [[path, node]];
}

t.test('the bokmål catalogue has every key the Danish one has, none of them empty', async (t) => {
  const danish = leaves(da);
  const norwegian = new Map(leaves(nb));
  t.ok(danish.length > 200, `${danish.length} keys in the Danish catalogue`);
  const missing = danish.filter(([path]) => !norwegian.has(path)).map(([path]) => path);
  t.same(missing, [], 'no key missing');
  const wrongKind = danish
    .filter(([path, value]) => typeof norwegian.get(path) !== typeof value)
    .map(([path]) => path);
  t.same(wrongKind, [], 'a text where Danish has a text, a function where Danish has one');
  const empty = [...norwegian].filter(([, value]) => typeof value === 'string' && value.trim() === '');
  t.same(empty, [], 'no empty text');
  t.equal(catalogueFor('nb'), nb, 'nb reads nb.ts');
  t.same(textLanguages, ['da', 'en', 'nb']);
  t.ok(isLanguage('nb'));
  t.equal(languageOr('fo'), 'da', 'a language without texts of its own falls back to Danish');
});

/**
 * A function's source as written: the TypeScript loader may write non-ASCII letters in string
 * literals as escapes (\xF8 for ø), which the word check below would not see.
 */
function sourceOf(fn: unknown): string {
  return String(fn).replace(
    /\\(?:x([0-9A-Fa-f]{2})|u\{([0-9A-Fa-f]+)\}|u([0-9A-Fa-f]{4}))/g,
    (_, x, braced, u) => String.fromCodePoint(Number.parseInt(x ?? braced ?? u, 16)),
  );
}

// Words a Dane writes and a Norwegian does not (Norwegian: hilsen, møtet, deltar, avlyst, oppdatert, …).
const DANISH_ONLY =
  /(?<!\p{L})(venlig|kære|mødet?|møder|deltager|aflyst|opdateret|påmindelse|venligst|længere|tilmeld\p{L}*|oplyses|politikreds\p{L}*|ændr\p{L}*|spørgsmål|afbud|gemt|findes|hvornår|fejl\p{L}*|af|efter|uden|mellem|nu|aftale\p{L}*|samarbejd\p{L}*|e-mail\p{L}*)(?!\p{L})/iu;

t.test('the bokmål catalogue holds no Danish-only words', async (t) => {
  const texts = leaves(nb).flatMap(([path, value]) =>
    typeof value === 'string'
      ? [[path, value]]
      : typeof value === 'function'
        ? [[path, sourceOf(value)]]
        : Array.isArray(value)
          ? [[path, value.join(' ')]]
          : [],
  ) as [string, string][];
  const rendered: [string, string][] = [
    ['answerMail.waitlisted', nb.answerMail.waitlisted(3).join(' ')],
    ['followUpMail.review', nb.followUpMail.review('Fast møte', 'Oslo', '1. mars 2028').join(' ')],
    [
      'planning.rule',
      nb.planning.rule({ rule: 'facilitatorGap', otherDate: '2027-03-09', minDays: 2, facilitator: null }),
    ],
  ];
  const danish = [...texts, ...rendered].filter(([, text]) => DANISH_ONLY.test(text));
  t.same(
    danish.map(([path, text]) => `${path}: ${DANISH_ONLY.exec(text)?.[0]}`),
    [],
    'none of venlig, mødet, deltager, aflyst, …',
  );
  t.ok(DANISH_ONLY.test(da.common.closing), 'the check does catch Danish ("Venlig hilsen")');
  t.ok(DANISH_ONLY.test(da.answerPage.answers.declined), '… and "Deltager ikke"');
  t.ok(DANISH_ONLY.test(sourceOf(da.answerPage.delegateSaved)), '… and "mødet" inside a function');
  t.equal(nb.common.closing, 'Vennlig hilsen');
  t.same(nb.meetingMail.subjectPrefix, {
    invitation: 'Innkalling',
    update: 'Oppdatert',
    cancel: 'Avlyst',
    withdrawn: 'Avlyst',
    reminder: 'Påminnelse',
  });
});

t.test('dates, times and shares in bokmål come from the nb-NO locale', async (t) => {
  t.equal(dayDate('2027-03-12', 'nb'), '12. mars 2027');
  t.equal(weekdayDayDate('2027-03-30', 'nb'), 'tirsdag 30. mars 2027');
  t.equal(monthName(10, 'nb'), 'oktober');
  t.equal(
    meetingTime('2027-03-03T08:00:00Z', '2027-03-03T14:00:00Z', 'Europe/Oslo', 'nb'),
    'onsdag 3. mars 2027 kl. 09:00–15:00',
  );
  t.equal(clockLabel('2027-07-01T07:30:00Z', 'nb', 'Europe/Oslo'), 'kl. 09:30');
  t.equal(formatShare(83, 100, 'nb'), '83 %');
  t.equal(
    nb.attention.withoutContact(1),
    '1 kommune uten kontaktperson i registeret',
    'plurals from Intl.PluralRules',
  );
  t.equal(nb.attention.withoutContact(3), '3 kommuner uten kontaktperson i registeret');
});
