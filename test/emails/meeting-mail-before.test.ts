import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import t from 'tap';
import {
  calendarDescription,
  type MeetingMailInput,
  type MeetingMailKind,
  type MeetingMailView,
  meetingMailTemplate,
  meetingSubject,
  meetingWhen,
  renderMeetingMail,
} from '../../emails/meeting-mail.ts';
import { type EmailBlock, renderEmail, renderLetter, signatureLines } from '../../emails/template.ts';
import { clockTime, dayDate, longDate, meetingTime, weekdayDate } from '../../server/text/dates.ts';
import { headerText } from '../../server/text/header.ts';
import { escapeHtml, html, htmlLines, raw } from '../../server/text/html.ts';
import { textLanguages } from '../../server/text/language.ts';
import { buildMeetingMailView } from '../helpers/factories.ts';
import * as beforeDates from '../helpers/mail-before/dates.ts';
import { headerText as beforeHeaderText } from '../helpers/mail-before/header.ts';
import * as beforeHtml from '../helpers/mail-before/html.ts';
import * as before from '../helpers/mail-before/meeting-mail.ts';
import * as beforeTemplate from '../helpers/mail-before/template.ts';

/**
 * The meeting mail, its template and the text helpers were made faster: every output must be
 * byte for byte what the code before did (kept in test/helpers/mail-before/), for any input.
 */

const kinds: MeetingMailKind[] = ['invitation', 'update', 'reminder', 'cancel', 'withdrawn'];
const zones = [
  'Europe/Copenhagen',
  'Europe/Oslo',
  'UTC',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
];

/** Text with everything escaping and header cleaning act on: markup, quotes, breaks, control and odd spaces. */
const pieces = ['a', 'Ø', ' ', '  ', '&', '<', '>', '"', "'", '`', '\n', '\r\n', '\r', '\t', '\u0000'];
pieces.push('\u0085', '\u00a0', '\u2028', '\u2029', '\u3000', '$&', 'é', '😀', ',', '–', ':', '.');
const tricky = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: fc.constantFrom(...pieces), maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 15 }),
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof(fc.constant(null), fc.constant(undefined), a);

/** Instants on whole minutes, as meetings are, some written without milliseconds. */
const instant = fc
  .integer({ min: Date.UTC(2020, 0, 1) / 60_000, max: Date.UTC(2035, 11, 31) / 60_000 })
  .chain((minute) =>
    fc.constantFrom(
      new Date(minute * 60_000).toISOString(),
      new Date(minute * 60_000).toISOString().replace('.000Z', 'Z'),
    ),
  );
const day = fc
  .integer({ min: Date.UTC(2020, 0, 1) / 86_400_000, max: Date.UTC(2035, 11, 31) / 86_400_000 })
  .map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));

const view: fc.Arbitrary<MeetingMailView> = fc.record({
  title: tricky,
  districtName: tricky,
  startsAt: instant,
  endsAt: instant,
  timeZone: fc.constantFrom(...zones),
  venueName: maybe(tricky),
  venueAddress: maybe(tricky),
  facilitatorName: maybe(tricky),
  facilitator: maybe(
    fc.record({ name: tricky, organisation: maybe(tricky), email: maybe(tricky), phone: maybe(tricky) }),
  ),
  programmeSignature: maybe(tricky),
  agenda: fc.array(
    fc.record(
      { title: tricky, description: maybe(tricky), startsAt: maybe(instant) },
      { requiredKeys: ['title'] },
    ),
    { maxLength: 4 },
  ),
  materials: fc.option(fc.array(fc.record({ id: fc.nat(), filename: tricky }), { maxLength: 3 }), {
    nil: undefined,
  }),
  replyBy: maybe(day),
});

const extras = fc.record(
  {
    answerUrl: maybe(fc.constantFrom('https://samraad.example/rsvp/abc', 'https://x/?a=1&b="2"')),
    cancelReason: maybe(tricky),
    delegatedBy: maybe(tricky),
    askAgain: fc.boolean(),
    lead: tricky,
    sessions: fc.array(
      fc.record({
        id: fc.nat(),
        startsAt: instant,
        endsAt: instant,
        venueName: maybe(tricky),
        venueAddress: maybe(tricky),
        full: fc.boolean(),
      }),
      { maxLength: 3 },
    ),
  },
  { requiredKeys: [] },
);

const input: fc.Arbitrary<MeetingMailInput> = fc
  .tuple(fc.constantFrom(...kinds), fc.constantFrom(...textLanguages), tricky, view, extras)
  .map(([kind, language, recipientName, meeting, extra]) => ({
    kind,
    language,
    recipientName,
    meeting,
    ...extra,
  }));

function same(a: unknown, b: unknown): boolean {
  if (!isDeepStrictEqual(a, b)) throw new Error(`differs:\n${JSON.stringify(a)}\n${JSON.stringify(b)}`);
  return true;
}

t.test(
  'the mail, its template and the calendar text are what the code before wrote, for any meeting',
  async (t) => {
    t.doesNotThrow(
      () =>
        fc.assert(
          fc.property(input, fc.boolean(), (mail, withLink) => {
            const { language, recipientName: _, answerUrl: __, ...rest } = mail;
            return (
              same(renderMeetingMail(mail), before.renderMeetingMail(mail)) &&
              same(
                meetingMailTemplate(rest, language, withLink),
                before.meetingMailTemplate(rest, language, withLink),
              ) &&
              same(
                calendarDescription(language, mail.meeting, mail.answerUrl),
                before.calendarDescription(language, mail.meeting, mail.answerUrl),
              ) &&
              same(meetingWhen(language, mail.meeting), before.meetingWhen(language, mail.meeting)) &&
              same(
                meetingSubject(mail.kind, language, mail.meeting),
                before.meetingSubject(mail.kind, language, mail.meeting),
              )
            );
          }),
          { numRuns: 400 },
        ),
      'any mail, template, calendar text, time and subject: as before',
    );
  },
);

t.test('every kind, language and option together, as the code before wrote them', async (t) => {
  const meeting = buildMeetingMailView();
  const agendas = [meeting.agenda, [...meeting.agenda, { title: 'Eventuelt' }], []];
  const sessions = [
    { id: 1, startsAt: '2027-03-12T08:00:00Z', endsAt: '2027-03-12T10:00:00Z', full: false },
    {
      id: 2,
      startsAt: '2027-03-13T08:00:00Z',
      endsAt: '2027-03-13T10:00:00Z',
      venueName: 'Hal 2',
      full: true,
    },
  ];
  let differing = 0;
  let compared = 0;
  for (const kind of kinds)
    for (const language of textLanguages)
      for (const facilitated of [true, false])
        for (const agenda of agendas)
          for (const options of [
            {},
            { sessions },
            { askAgain: true, delegatedBy: 'Kollega & Co', cancelReason: 'Sygdom <hos> os', lead: 'Ny tid.' },
          ])
            for (const answerUrl of ['https://samraad.example/rsvp/abc', null]) {
              const m: MeetingMailView = facilitated
                ? { ...meeting, agenda }
                : {
                    ...meeting,
                    agenda,
                    facilitator: null,
                    facilitatorName: null,
                    materials: [],
                    replyBy: null,
                  };
              const mail = {
                kind,
                language,
                recipientName: 'Søren <Ærø>',
                meeting: m,
                answerUrl,
                ...options,
              };
              if (!isDeepStrictEqual(renderMeetingMail(mail), before.renderMeetingMail(mail))) differing++;
              const { recipientName: _, answerUrl: __, ...rest } = mail;
              const withLink = answerUrl !== null;
              if (
                !isDeepStrictEqual(
                  meetingMailTemplate(rest, language, withLink),
                  before.meetingMailTemplate(rest, language, withLink),
                )
              )
                differing++;
              if (
                calendarDescription(language, m, answerUrl) !==
                before.calendarDescription(language, m, answerUrl)
              )
                differing++;
              compared += 3;
            }
  t.equal(compared, 5 * 3 * 2 * 3 * 3 * 2 * 3);
  t.equal(differing, 0, 'no mail, template or calendar text differs');
});

const block: fc.Arbitrary<EmailBlock> = fc.oneof(
  fc.record({ kind: fc.constant('paragraph' as const), text: tricky }),
  fc.record(
    {
      kind: fc.constant('facts' as const),
      title: tricky,
      rows: fc.array(fc.tuple(tricky, tricky), { maxLength: 3 }),
    },
    { requiredKeys: ['kind', 'rows'] },
  ),
  fc.record({
    kind: fc.constant('list' as const),
    heading: tricky,
    items: fc.array(
      fc.record({ marker: maybe(tricky), title: tricky, detail: maybe(tricky) }, { requiredKeys: ['title'] }),
      { maxLength: 3 },
    ),
  }),
  fc.record(
    {
      kind: fc.constant('actions' as const),
      heading: tricky,
      links: fc.array(fc.record({ label: tricky, href: tricky }), { maxLength: 3 }),
      hint: tricky,
    },
    { requiredKeys: ['kind', 'heading', 'links'] },
  ),
  fc.record({ kind: fc.constant('signoff' as const), lines: fc.array(tricky, { maxLength: 3 }) }),
);

t.test('any email and any letter render as the code before rendered them', async (t) => {
  t.doesNotThrow(
    () =>
      fc.assert(
        fc.property(
          fc.constantFrom(...textLanguages),
          tricky,
          fc.array(block, { maxLength: 6 }),
          (lang, subject, blocks) =>
            same(
              renderEmail({ lang, subject, blocks }),
              beforeTemplate.renderEmail({ lang, subject, blocks }),
            ),
        ),
        { numRuns: 300 },
      ),
    'any email: as before',
  );
  t.doesNotThrow(
    () =>
      fc.assert(
        fc.property(
          fc.constantFrom(...textLanguages),
          tricky,
          tricky,
          fc.array(fc.oneof(tricky, block), { maxLength: 4 }),
          maybe(
            fc.record({
              name: tricky,
              organisation: maybe(tricky),
              email: maybe(tricky),
              phone: maybe(tricky),
            }),
          ),
          maybe(tricky),
          (lang, subject, to, body, from, signature) => {
            const letter = { lang, subject, to, body, from, signature };
            return (
              same(renderLetter(letter), beforeTemplate.renderLetter(letter)) &&
              same(
                signatureLines(lang, from, signature),
                beforeTemplate.signatureLines(lang, from, signature),
              )
            );
          },
        ),
        { numRuns: 300 },
      ),
    'any letter and signature: as before',
  );
});

t.test('header text, escaping and the html template are what they were, for any text', async (t) => {
  t.doesNotThrow(
    () =>
      fc.assert(
        fc.property(tricky, (s) => {
          const h = html`<p title="${s}">${s}${[s, raw('<br>'), null, [s, 1, false]]}${htmlLines(s)}</p>`;
          const b = beforeHtml.html`<p title="${s}">${s}${[s, beforeHtml.raw('<br>'), null, [s, 1, false]]}${beforeHtml.htmlLines(s)}</p>`;
          return (
            same(headerText(s), beforeHeaderText(s)) &&
            same(escapeHtml(s), beforeHtml.escapeHtml(s)) &&
            same(htmlLines(s).value, beforeHtml.htmlLines(s).value) &&
            same(h.value, b.value)
          );
        }),
        { numRuns: 1000 },
      ),
    'any text: as before',
  );
});

t.test('dates and times are what they were, asked once or again, in any zone and language', async (t) => {
  t.doesNotThrow(
    () =>
      fc.assert(
        fc.property(fc.array(fc.tuple(instant, instant, day), { minLength: 1, maxLength: 3 }), (cases) => {
          // every zone and language of the same instants, twice: the second time from anything remembered
          for (const [from, to, date] of [...cases, ...cases])
            for (const zone of zones)
              for (const lang of textLanguages)
                same(
                  [
                    clockTime(from, zone, lang),
                    longDate(from, zone, lang),
                    weekdayDate(from, zone, lang),
                    dayDate(date, lang),
                    dayDate(from, lang, zone),
                    meetingTime(from, to, zone, lang),
                  ],
                  [
                    beforeDates.clockTime(from, zone, lang),
                    beforeDates.longDate(from, zone, lang),
                    beforeDates.weekdayDate(from, zone, lang),
                    beforeDates.dayDate(date, lang),
                    beforeDates.dayDate(from, lang, zone),
                    beforeDates.meetingTime(from, to, zone, lang),
                  ],
                );
          return true;
        }),
        { numRuns: 100 },
      ),
    'any dates, zones and languages: as before',
  );
});
