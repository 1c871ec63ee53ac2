import { HttpProblem } from '../http/problems.ts';
import { catalogueFor } from '../text/messages.ts';
import type { UnplacedMeeting } from './planner.ts';
import type { RuleViolation } from './rules.ts';

/** A change that breaks planning rules; the caller may send it again with force. */
export class RuleConflict extends HttpProblem {
  constructor(readonly violations: RuleViolation[]) {
    super(
      409,
      'Conflict',
      `The change breaks the planning rule${violations.length > 1 ? 's' : ''} ${violations.map((v) => v.rule).join(', ')}: ${violations.map((v) => catalogueFor('en').planning.rule(v)).join(' ')} Send force: true to save it anyway.`,
      undefined,
      { violations },
    );
  }
}

/** A plan the rules leave no room for: nothing is saved, and each meeting that found no day is named. */
export class InfeasiblePlan extends HttpProblem {
  constructor(
    detail: string,
    readonly unplaced: UnplacedMeeting[],
  ) {
    super(422, 'Unprocessable Content', detail, undefined, { unplaced });
  }
}

/** The year (of this kind of area) already has a cycle. */
export class YearAlreadyPlanned extends HttpProblem {
  constructor(
    readonly year: number,
    readonly areaKind: string,
    readonly cycleId: number,
  ) {
    super(409, 'Conflict', `A cycle for ${year} (${areaKind}) already exists`, undefined, { cycleId });
  }
}
