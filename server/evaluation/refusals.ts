import { HttpProblem } from '../http/problems.ts';

export type EvaluationRefusalReason = 'alreadyAnswered' | 'notHeld' | 'alreadySent' | 'noParticipants';

const details: Record<EvaluationRefusalReason, string> = {
  alreadyAnswered: 'This survey has already been answered; an answer cannot be given or changed twice',
  notHeld: 'The meeting has not been held: its evaluation can be sent once its status is held',
  alreadySent: "The meeting's evaluation has already been sent",
  noParticipants: 'The meeting has no participants (attended, or accepted) with an email address',
};

/** A survey that cannot be sent or answered as asked: 409, said in Danish on the pages. */
export class EvaluationRefused extends HttpProblem {
  constructor(readonly reason: EvaluationRefusalReason) {
    super(409, 'Conflict', details[reason], undefined, { reason });
  }
}
