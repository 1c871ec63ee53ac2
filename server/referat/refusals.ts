import { HttpProblem } from '../http/problems.ts';

/** Why a referat could not be approved or sent: a 409, nothing changed. */
export type ReferatFault = 'notApproved' | 'notLatest' | 'nothingToApprove' | 'alreadySent';

const DETAIL: Record<ReferatFault, string> = {
  notApproved: 'The referat is not approved; approve its newest version before sending it',
  notLatest: 'A newer version of the referat has been saved; reload it',
  nothingToApprove: 'The meeting has no referat yet; save a draft first',
  alreadySent: 'This version of the referat has already been sent',
};

export class ReferatRefused extends HttpProblem {
  constructor(readonly fault: ReferatFault) {
    super(409, 'Conflict', DETAIL[fault], undefined, { reason: fault });
  }
}
