import { deepStrictEqual, equal } from 'node:assert/strict';
import fc from 'fast-check';
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod } from 'ical-generator';
import t from 'tap';
import {
  parsePlainReply,
  parseReplyThroughIcalJs,
  readReplyCalendar,
} from '../../server/answers/reply-calendar.ts';

/**
 * parsePlainReply parses the plain shape of a calendar reply without ical.js. Whatever it parses
 * (method, events, their UID, DTSTAMP, COMMENT and attendee lines) must come out exactly as ical.js
 * parses it; whatever it cannot parse it leaves to ical.js (null). Compared before the answers are
 * made of them: that step is the same code for both.
 */

function throughIcalJs(text: string) {
  try {
    return parseReplyThroughIcalJs(text);
  } catch {
    return 'unreadable';
  }
}

/** Checks the property for one text; true when the plain reader read it. */
function readsAlike(text: string): boolean {
  const plain = parsePlainReply(text);
  if (plain === null) return false;
  deepStrictEqual(plain, throughIcalJs(text), text);
  return true;
}

const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('Anna Holm', 'Holm, Anna', 'Ø; æ: å', 'a"b', 'x\\y', 'A^nB', '', ' ', 'mailto:x'),
);

t.test('replies as ical-generator builds them read the same as through ical.js', async (t) => {
  let read = 0;
  let runs = 0;
  fc.assert(
    fc.property(
      fc.record({
        events: fc.array(
          fc.record({
            uid: fc.oneof(fc.constant('meeting-1@samraad.example.dk'), anyText),
            summary: anyText,
            description: fc.option(anyText),
            stamp: fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }),
            attendees: fc.array(
              fc.record({
                email: fc.constantFrom('anna@brk.dk', 'Anna.Holm@BRK.dk', "o'neil@politi.dk", 'bo@brk.dk'),
                name: fc.option(anyText),
                status: fc.constantFrom(...Object.values(ICalAttendeeStatus)),
                role: fc.option(fc.constantFrom(...Object.values(ICalAttendeeRole))),
                rsvp: fc.option(fc.boolean()),
                delegatedTo: fc.option(fc.constantFrom('bo@brk.dk', 'carl@brk.dk')),
                delegatedFrom: fc.option(fc.constantFrom('anna@brk.dk', 'dorte@brk.dk')),
              }),
              { maxLength: 3 },
            ),
            comment: fc.option(anyText),
          }),
          { maxLength: 3 },
        ),
        method: fc.constantFrom(ICalCalendarMethod.REPLY, ICalCalendarMethod.REQUEST),
        newline: fc.constantFrom('\r\n', '\n'),
      }),
      (r) => {
        const calendar = ical({ method: r.method });
        for (const e of r.events) {
          const event = calendar.createEvent({
            id: e.uid,
            start: new Date('2027-03-03T08:00:00Z'),
            end: new Date('2027-03-03T14:00:00Z'),
            stamp: e.stamp,
            summary: e.summary,
            ...(e.description !== null ? { description: e.description } : {}),
          });
          // ical-generator writes COMMENT only as an X- property; the property itself is written here
          if (e.comment !== null) event.x('X-SAMRAAD-TEST', e.comment);
          for (const a of e.attendees)
            event.createAttendee({
              email: a.email,
              status: a.status,
              ...(a.name !== null ? { name: a.name } : {}),
              ...(a.role !== null ? { role: a.role } : {}),
              ...(a.rsvp !== null ? { rsvp: a.rsvp } : {}),
              ...(a.delegatedTo !== null ? { delegatedTo: a.delegatedTo } : {}),
              ...(a.delegatedFrom !== null ? { delegatedFrom: a.delegatedFrom } : {}),
            });
        }
        let text = calendar.toString();
        // the comment as a reply carries it: COMMENT, escaped as TEXT
        text = text.replace(/^X-SAMRAAD-TEST:/gm, 'COMMENT:');
        if (r.newline === '\n') text = text.replace(/\r\n/g, '\n');
        runs++;
        if (readsAlike(text)) read++;
      },
    ),
    { numRuns: 300 },
  );
  t.pass('every reply read directly reads as through ical.js');
  t.ok(read > runs / 2, `${read} of ${runs} read without ical.js`);
});

t.test('odd and unusual shapes are read the same, or left to ical.js', async (t) => {
  const line = fc.constantFrom(
    'PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'X-WR-CALNAME:Svar',
    'method:REPLY',
    'METHOD:reply',
    'METHOD;X-A=1:REPLY',
    'BEGIN:VTIMEZONE\r\nTZID:Romance Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE',
    'X-MS-OLK-FORCEINSPECTOROPEN:TRUE',
  );
  const eventLine = fc.constantFrom(
    'UID:meeting-1@samraad.example.dk',
    'UID:040000008200E00074C5B7101A82E00800000000',
    'UID:a\\,b',
    'uid:meeting-1@samraad.example.dk',
    'DTSTAMP:20261130T154845Z',
    'DTSTAMP:20261130T154845',
    'DTSTAMP;TZID=Europe/Copenhagen:20261130T154845',
    'DTSTAMP:20270230T101010Z',
    'DTSTAMP:20280229T235959Z',
    'DTSTAMP:20261130T246000Z',
    'DTSTAMP;VALUE=DATE:20261130',
    'DTSTART;TZID=Romance Standard Time:20270303T090000',
    'DTEND:20270303T150000Z',
    'SEQUENCE:2',
    'SUMMARY:Accepteret: Politikredsmøde',
    'SUMMARY;LANGUAGE=da-DK:Svar\\, tak',
    'COMMENT:Jeg kommer\\, men går kl. 14\\nHilsen Anna',
    'COMMENT:Vi ses',
    'COMMENT;LANGUAGE=da:Vi ses',
    'ATTENDEE;PARTSTAT=ACCEPTED:mailto:anna@brk.dk',
    'ATTENDEE;PARTSTAT=accepted;CN="Holm, Anna":MAILTO:Anna@BRK.dk',
    'ATTENDEE;CN=Anna Holm;PARTSTAT=DECLINED:mailto:anna@brk.dk',
    'ATTENDEE;CN="Anna: Holm";PARTSTAT=TENTATIVE:mailto:anna@brk.dk',
    'ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO="mailto:bo@brk.dk":mailto:anna@brk.dk',
    'ATTENDEE;DELEGATED-FROM="mailto:anna@brk.dk";CN=Bo:mailto:bo@brk.dk',
    'ATTENDEE;DELEGATED-TO="mailto:bo@brk.dk","mailto:carl@brk.dk";PARTSTAT=DELEGATED:mailto:anna@brk.dk',
    'ATTENDEE;PARTSTAT=ACCEPTED;PARTSTAT=DECLINED:mailto:anna@brk.dk',
    'ATTENDEE;SENT-BY="mailto:sekretaer@brk.dk";PARTSTAT=ACCEPTED:mailto:anna@brk.dk',
    'ATTENDEE;CN=A^nB;PARTSTAT=ACCEPTED:mailto:anna@brk.dk',
    'ATTENDEE;RSVP=TRUE;PARTSTAT=ACCEPTED:mailto:anna@brk.dk',
    'ATTENDEE;VALUE=CAL-ADDRESS;PARTSTAT=ACCEPTED:mailto:anna@brk.dk',
    'ATTENDEE:mailto:anna@brk.dk',
    'ATTENDEE;PARTSTAT=ACCEPTED:',
    'ORGANIZER;CN=Samråd:mailto:svar@samraad.example.dk',
    'RRULE:FREQ=YEARLY',
    'BEGIN:VALARM\r\nTRIGGER:-PT15M\r\nACTION:DISPLAY\r\nEND:VALARM',
    'X-MICROSOFT-CDO-REPLYTIME:20261130T154845Z',
    'X-A;X-B="c":d',
  );
  const fold = (text: string, width: number, nl: string) =>
    text
      .split('\r\n')
      .map((l) => (l.length > width ? l.match(new RegExp(`.{1,${width}}`, 'gu'))!.join(`${nl} `) : l))
      .join('\r\n');
  let read = 0;
  fc.assert(
    fc.property(
      fc.record({
        head: fc.array(line, { maxLength: 4 }),
        events: fc.array(fc.array(eventLine, { maxLength: 8 }), { maxLength: 2 }),
        newline: fc.constantFrom('\r\n', '\n'),
        width: fc.constantFrom(1000, 75, 20, 7),
        ending: fc.constantFrom('\r\n', '', '\r\n\r\n', ' ', '\n'),
        leading: fc.constantFrom('', ' ', '\r\n'),
      }),
      (r) => {
        const lines = ['BEGIN:VCALENDAR', ...r.head];
        for (const e of r.events) lines.push('BEGIN:VEVENT', ...e, 'END:VEVENT');
        lines.push('END:VCALENDAR');
        const text = `${r.leading}${fold(lines.join('\r\n'), r.width, '\r\n').replace(/\r\n/g, r.newline)}${r.ending}`;
        if (readsAlike(text)) read++;
      },
    ),
    { numRuns: 1500 },
  );
  t.pass('every shape read directly reads as through ical.js');
  // most of these shapes are meant for ical.js: about a hundred of them are plain
  t.ok(read > 25, `${read} of 1500 read without ical.js`);
});

t.test('what the plain reader leaves is still read, by ical.js', async (t) => {
  const outlook = [
    'BEGIN:VCALENDAR',
    'METHOD:REPLY',
    'PRODID:Microsoft Exchange Server 2010',
    'VERSION:2.0',
    'BEGIN:VTIMEZONE',
    'TZID:Romance Standard Time',
    'BEGIN:STANDARD',
    'DTSTART:16010101T030000',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'END:STANDARD',
    'END:VTIMEZONE',
    'BEGIN:VEVENT',
    'ATTENDEE;PARTSTAT=ACCEPTED;CN="Holm, Anna":mailto:Anna@BRK.dk',
    'COMMENT;LANGUAGE=da-DK:Jeg kommer\\, men går kl. 14',
    'UID:meeting-1@samraad.example.dk',
    'DTSTAMP:20261130T154845Z',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
  equal(parsePlainReply(outlook), null, 'a time zone and an escaped comment: not the plain shape');
  t.same(readReplyCalendar(outlook), {
    method: 'REPLY',
    items: [
      {
        uid: 'meeting-1@samraad.example.dk',
        attendee: 'anna@brk.dk',
        partstat: 'ACCEPTED',
        name: 'Holm, Anna',
        sentBy: null,
        delegate: null,
        comment: 'Jeg kommer, men går kl. 14',
        stamp: '2026-11-30T15:48:45.000Z',
      },
    ],
  });
  const plain = outlook.replace(/BEGIN:VTIMEZONE[\s\S]*END:VTIMEZONE\r\n/, '').replace('\\,', ' -');
  t.ok(parsePlainReply(plain), 'without them it is read directly');
  t.same(readReplyCalendar(plain).items[0]!.comment, 'Jeg kommer - men går kl. 14');
  t.throws(
    () => readReplyCalendar('BEGIN:VCALENDAR\r\nMETHOD REPLY\r\nEND:VCALENDAR'),
    'no iCalendar: throws',
  );
});
