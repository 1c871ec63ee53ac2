import type { Db } from '../../db/client.ts';
import { listAgenda } from '../outcomes/agenda.ts';
import { getAgreement } from '../outcomes/agreements.ts';
import { getAttendance } from '../outcomes/attendance.ts';
import { getBarrier } from '../outcomes/barriers.ts';
import { taxonomyNamesOfArea } from '../outcomes/references.ts';
import { meetingRecord } from '../planning/meetings.ts';
import { dayDate, meetingTime } from '../text/dates.ts';
import { catalogueFor } from '../text/messages.ts';
import { outcomeIdsOfMeeting, programmeLanguageOfMeeting } from './queries.ts';

const nameIn = (entries: { key: string; label: string }[], key: string) =>
  entries.find((e) => e.key === key)?.label ?? key;

/**
 * The referat as first proposed, in the language of the meeting's programme: the meeting, who
 * attended, each agenda point with its minutes, the barriers raised and the agreements made there.
 * Plain text with blank lines between parts, so the facilitator edits it as a letter.
 */
export function draftReferat(db: Db, meetingId: number): string {
  const meeting = meetingRecord(db, meetingId);
  const lang = programmeLanguageOfMeeting(db, meetingId);
  const text = catalogueFor(lang);
  const w = text.referat.draft;
  const names = taxonomyNamesOfArea(db, meeting.areaId, lang);
  const attendees = getAttendance(db, meetingId).attendees;
  const { barriers, agreements } = outcomeIdsOfMeeting(db, meetingId);
  const agenda = listAgenda(db, meetingId);
  const place = [meeting.venueName, meeting.venueAddress].filter(Boolean).join(', ');
  const parts: string[] = [
    [w.title(meeting.title), meetingTime(meeting.startsAt, meeting.endsAt, meeting.timeZone, lang), place]
      .filter(Boolean)
      .join('\n'),
    [
      w.participants,
      ...(attendees.length ? attendees.map((a) => `- ${a.name}, ${a.organisationName}`) : [w.noParticipants]),
    ].join('\n'),
    [
      w.agenda,
      ...(agenda.length
        ? agenda.map((item, i) => `${i + 1}. ${item.title}\n${item.minutes?.trim() || w.noMinutes}`)
        : [w.none]),
    ].join('\n'),
    [
      w.barriers,
      ...(barriers.length
        ? barriers.map((id) => {
            const b = getBarrier(db, id);
            return `- ${nameIn(names.barrierCategories, b.category)}: ${b.description}`;
          })
        : [w.none]),
    ].join('\n'),
    [
      w.agreements,
      ...(agreements.length
        ? agreements.map((id) => {
            const a = getAgreement(db, id);
            const about = [nameIn(names.agreementTypes, a.type), text.labels.agreementStatus[a.status]];
            if (a.reviewOn) about.push(w.reviewOn(dayDate(a.reviewOn, lang)));
            return `- ${a.title} (${about.join(', ')})${a.text ? `\n  ${a.text.replace(/\n/g, '\n  ')}` : ''}`;
          })
        : [w.none]),
    ].join('\n'),
  ];
  return parts.join('\n\n');
}
