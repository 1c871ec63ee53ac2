import t from 'tap';
import { handPlacedExplanation, planRuleSentences, sentencesOf } from '../../server/planning/explanations.ts';
import { type PlannerArea, planCycle } from '../../server/planning/planner.ts';
import { checkMeeting } from '../../server/planning/rules.ts';
import { defaultSettings } from '../../server/planning/settings.ts';

/** What a facilitator would not write in a "why this date". */
const MACHINE_WORDS = [
  /Europe\//,
  /\bUTC\b/,
  /værtsrotation/,
  /ugedag/,
  /\bnr\. \d+ af \d+/,
  /\d\d-\d\d–\d\d-\d\d/,
  /\b\d{4}-\d\d-\d\d\b/,
  /\b(period|weekday|holiday|blackout\w*|facilitator(Day|Week|Gap)|areaSameDay|timeOfDay)\b/,
];

function area(id: number, name: string, lastDate: string | null, hostHistory: number[] = []): PlannerArea {
  return {
    id,
    name,
    hosts: [{ id: 100 + id, name: `${name} (hovedstation)`, address: null }],
    hostHistory,
    lastDates: [lastDate],
  };
}

const plan = () => {
  const result = planCycle({
    year: 2027,
    settings: defaultSettings(),
    areas: [
      area(1, 'Bornholms Politi', '2026-02-17', [101]),
      area(2, 'Fyns Politi', null),
      area(3, 'Nordjyllands Politi', '2026-01-15'),
    ],
    facilitators: [{ id: 1, name: 'Anne Hansen' }],
  });
  if (!result.ok) throw new Error(result.detail);
  return result.meetings;
};

t.test('each reason is one short capitalised sentence in plain Danish', async (t) => {
  const meetings = plan();
  const north = meetings.find((m) => m.areaId === 3)!;
  t.equal(
    sentencesOf(north.explanation)[0],
    'Torsdag 14. januar passer med sidste års møde (15. januar 2026).',
  );
  const bornholm = meetings.find((m) => m.areaId === 1)!;
  t.ok(
    sentencesOf(bornholm.explanation).includes('Ikke i uge 7: vinterferie.'),
    'last year’s date fell in the winter holiday, and the holiday is named',
  );
  t.ok(
    sentencesOf(bornholm.explanation).some((s) => /færrest gange \(1 gang\)/.test(s)),
    'the host rotation in words',
  );
  const fyn = meetings.find((m) => m.areaId === 2)!;
  t.match(
    sentencesOf(fyn.explanation)[0],
    /^Fyns Politi får \p{L}+ \d+\. \p{L}+, så møderne spredes jævnt over året\.$/u,
  );
  for (const m of meetings)
    for (const sentence of sentencesOf(m.explanation)) {
      t.match(sentence, /^\p{Lu}.*\.$/u, `"${sentence}" opens with a capital and ends with a full stop`);
      for (const word of MACHINE_WORDS) t.notMatch(sentence, word, `"${sentence}" has no ${word}`);
    }
});

t.test('the plan’s own rules name each blackout and the month it keeps free', async (t) => {
  t.same(planRuleSentences(defaultSettings()), [
    'Møderne holdes tirsdag, onsdag og torsdag kl. 09.30–13.00.',
    'Ikke på helligdage.',
    'Ikke i uge 7: vinterferie.',
    'Ikke i uge 42: efterårsferie.',
    'Ikke i juli: sommerferie.',
    'Ikke 20. december–3. januar: jul og nytår.',
  ]);
});

t.test('a broken rule is said without repeating the weekday or writing ISO ranges', async (t) => {
  const settings = defaultSettings();
  const check = (date: string) =>
    checkMeeting({
      settings,
      year: 2027,
      areaId: 1,
      date,
      startTime: '09:30',
      endTime: '13:00',
      facilitatorDays: [],
      areaDays: [],
    }).map((v) => v.message);
  t.same(check('2027-09-18'), ['Lørdag 18. september 2027: møderne holdes kun tirsdag, onsdag og torsdag.']);
  t.same(check('2027-12-22'), [
    'Onsdag 22. december 2027 ligger i den friholdte periode 20. december–3. januar (jul og nytår).',
  ]);
  t.same(check('2027-07-13'), ['Tirsdag 13. juli 2027 ligger i juli, som er friholdt (sommerferie).']);
});

t.test('a move by hand says where to, by whom and whether the rules hold', async (t) => {
  t.same(
    sentencesOf(
      handPlacedExplanation(
        'moved',
        { date: '2027-01-14', startTime: '10:00', endTime: '13:30' },
        'anna@kreds.dk',
        false,
      ),
    ),
    [
      'Flyttet til torsdag 14. januar kl. 10.00–13.30 af anna@kreds.dk.',
      'Alle planlægningsregler er overholdt.',
    ],
  );
});

t.test("a Norwegian programme's plan is explained in bokmål, its holidays named as in Norway", async (t) => {
  const result = planCycle({
    year: 2028,
    settings: { ...defaultSettings(), holidayCountry: 'NO', timeZone: 'Europe/Oslo', blackoutWeeks: [8, 40] },
    areas: [
      {
        id: 1,
        name: 'Enhet Øst',
        hosts: [{ id: 11, name: 'Stovner politistasjon', address: null }],
        hostHistory: [],
        lastDates: ['2027-05-17'],
      },
      { id: 2, name: 'Enhet Vest', hosts: [], hostHistory: [], lastDates: [null] },
    ],
    facilitators: [{ id: 1, name: 'Kari Nordmann' }],
    language: 'nb',
  });
  if (!result.ok) throw new Error(result.detail);
  const east = sentencesOf(result.meetings.find((m) => m.areaId === 1)!.explanation);
  t.same(east, [
    'Tirsdag 16. mai passer med fjorårets møte (17. mai 2027).',
    'Ikke 17. mai: Grunnlovsdagen.',
    'Fasilitator: Kari Nordmann, som får 2 møter i alt; møtene fordeles likt.',
    'Vert: Stovner politistasjon, som ikke har vært vert før.',
    'Møtene holdes tirsdag, onsdag og torsdag kl. 09:30–13:00.',
  ]);
  const west = sentencesOf(result.meetings.find((m) => m.areaId === 2)!.explanation);
  t.match(west[0], /^Enhet Vest får \w+ \d+\. \w+, slik at møtene fordeles jevnt over året\.$/);
  t.equal(west[2], 'Ingen vert: det finnes ingen villige verter i området.');
  t.same(planRuleSentences(defaultSettings(), 'nb').slice(0, 3), [
    'Møtene holdes tirsdag, onsdag og torsdag kl. 09:30–13:00.',
    'Ikke på helligdager.',
    'Ikke i uke 7: vinterferie.',
  ]);
  t.equal(
    handPlacedExplanation(
      'moved',
      { date: '2028-05-16', startTime: '10:00', endTime: '12:00' },
      'kari@politiet.example',
      false,
      'nb',
    ),
    'Flyttet til tirsdag 16. mai kl. 10:00–12:00 av kari@politiet.example.\nAlle planleggingsreglene er overholdt.',
  );
});
