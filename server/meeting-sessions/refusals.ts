import { HttpProblem } from '../http/problems.ts';

/** Why a session (sitting) or a choice of one was refused; the pages word each in the reader's language. */
export type SessionFault =
  | { reason: 'choiceClosed'; until: string }
  | { reason: 'sessionStarted' }
  | { reason: 'sessionFull'; keptSessionId: number; keptStartsAt: string }
  | { reason: 'notOfMeeting'; sessionId: number }
  | { reason: 'sessionCancelled'; sessionId: number }
  | { reason: 'chooseOne' }
  | { reason: 'invitedWithoutSessions' }
  | { reason: 'meetingClosed'; status: string }
  | { reason: 'capacityBelowTaken'; taken: number }
  | { reason: 'endBeforeStart' };

const STATUS: Record<SessionFault['reason'], 400 | 409> = {
  choiceClosed: 409,
  sessionStarted: 409,
  sessionFull: 409,
  notOfMeeting: 400,
  sessionCancelled: 409,
  chooseOne: 400,
  invitedWithoutSessions: 409,
  meetingClosed: 409,
  capacityBelowTaken: 409,
  endBeforeStart: 400,
};

function detailOf(f: SessionFault): string {
  switch (f.reason) {
    case 'choiceClosed':
      return `The session choice can no longer change: the deadline was ${f.until}`;
    case 'sessionStarted':
      return 'The session has already started and cannot be chosen';
    case 'sessionFull':
      return `The session is full; the invitee keeps the place in session ${f.keptSessionId}`;
    case 'notOfMeeting':
      return `Session ${f.sessionId} is not a session of this meeting`;
    case 'sessionCancelled':
      return `Session ${f.sessionId} is cancelled`;
    case 'chooseOne':
      return 'The meeting is held as sessions: an acceptance names the session chosen';
    case 'invitedWithoutSessions':
      return "Invitations were already sent with the meeting's own time; add sessions before inviting";
    case 'meetingClosed':
      return `The meeting is ${f.status}; its sessions can no longer change`;
    case 'capacityBelowTaken':
      return `capacity cannot be below the ${f.taken} places already taken`;
    case 'endBeforeStart':
      return 'The session must end after it starts';
  }
}

/** The request field each refusal is about, so a form can mark it. */
const FIELD: Partial<Record<SessionFault['reason'], string>> = {
  choiceClosed: 'body.session',
  sessionStarted: 'body.session',
  sessionFull: 'body.session',
  notOfMeeting: 'body.session',
  sessionCancelled: 'body.session',
  chooseOne: 'body.session',
  capacityBelowTaken: 'body.capacity',
  endBeforeStart: 'body.endTime',
};

/** A refused session change or choice: 400 for input that cannot be used, 409 for a state that forbids it. */
export class SessionRefusal extends HttpProblem {
  constructor(readonly fault: SessionFault) {
    const field = FIELD[fault.reason];
    super(
      STATUS[fault.reason],
      STATUS[fault.reason] === 400 ? 'Bad Request' : 'Conflict',
      detailOf(fault),
      field ? [{ field, message: detailOf(fault) }] : undefined,
      { reason: fault.reason },
    );
  }
}
