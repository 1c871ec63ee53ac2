import { clockTime, weekdayDate } from '../text/dates.ts';
import type { Language } from '../text/language.ts';
import { catalogueFor } from '../text/messages.ts';
import type { SessionFault } from './refusals.ts';

/** A session refusal as a reader's sentence (Danish on the facilitators' pages, the invitee's language on the answer page). */
export function sessionRefusalText(
  lang: Language,
  fault: SessionFault,
  timeZone = 'Europe/Copenhagen',
): string {
  const t = catalogueFor(lang).sessions.refusal;
  const at = (instant: string) =>
    `${weekdayDate(instant, timeZone, lang)} ${clockTime(instant, timeZone, lang)}`;
  switch (fault.reason) {
    case 'choiceClosed':
      return t.choiceClosed(at(fault.until));
    case 'sessionFull':
      return t.sessionFull(at(fault.keptStartsAt));
    case 'capacityBelowTaken':
      return t.capacityBelowTaken(fault.taken);
    case 'meetingClosed':
      return t.meetingClosed;
    case 'notOfMeeting':
      return t.notOfMeeting;
    case 'sessionCancelled':
      return t.sessionCancelled;
    case 'sessionStarted':
      return t.sessionStarted;
    case 'chooseOne':
      return t.chooseOne;
    case 'invitedWithoutSessions':
      return t.invitedWithoutSessions;
    case 'endBeforeStart':
      return t.endBeforeStart;
  }
}
