import { HttpProblem } from '../http/problems.ts';
import type { RuleViolation } from '../planning/rules.ts';
import { catalogueFor } from '../text/messages.ts';

/** Another date a contact proposed breaks the programme's rules: nothing changes, the rules are named. */
export class DateRefused extends HttpProblem {
  constructor(readonly violations: RuleViolation[]) {
    super(
      409,
      'Conflict',
      `The proposed date breaks the planning rule${violations.length > 1 ? 's' : ''} ${violations.map((v) => v.rule).join(', ')}: ${violations.map((v) => catalogueFor('en').planning.rule(v)).join(' ')}`,
      [{ field: 'body.date', message: violations.map((v) => v.rule).join(', ') }],
      { violations },
    );
  }
}
