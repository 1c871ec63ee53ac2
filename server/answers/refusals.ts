import { HttpProblem } from '../http/problems.ts';

/** Why a meeting takes no more answers. */
export type ClosedReason = 'cancelled' | 'over';

/**
 * An answer to a meeting that is cancelled or over: 409, nothing saved. The API says it in English
 * (below); the answer page in the invitee's language from the catalogue (answerPage.closed).
 */
export class AnswersClosed extends HttpProblem {
  constructor(readonly reason: ClosedReason) {
    super(
      409,
      'Conflict',
      reason === 'cancelled'
        ? 'The meeting is cancelled; answers are closed'
        : 'The meeting is over; answers are closed',
      undefined,
      { reason },
    );
  }
}

/** Why the meeting takes no answers (cancelled, or ended or marked held), or null while it does. */
export function answersClosedReason(
  meeting: { status: string; endsAt: string },
  now: Date = new Date(),
): ClosedReason | null {
  if (meeting.status === 'cancelled') return 'cancelled';
  if (meeting.status === 'held' || Date.parse(meeting.endsAt) <= now.getTime()) return 'over';
  return null;
}

export function assertAnswersOpen(meeting: { status: string; endsAt: string }, now: Date = new Date()): void {
  const reason = answersClosedReason(meeting, now);
  if (reason) throw new AnswersClosed(reason);
}
