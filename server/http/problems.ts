import { z } from 'zod';

export const FieldError = z.object({ field: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldError>;

/** RFC 9457 problem details, the body of every error answer. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    fields: z.array(FieldError).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

/** An error the client caused, answered as application/problem+json. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly fields?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail);
  }

  toProblem(): Problem & Record<string, unknown> {
    // extras first: a caller's field named like a standard member must not replace it
    return {
      ...this.extra,
      type: `about:blank#${this.title.toLowerCase().replace(/[^a-z]+/g, '-')}`,
      title: this.title,
      status: this.status,
      detail: this.message,
      ...(this.fields ? { fields: this.fields } : {}),
    };
  }
}

/** Input the domain cannot use (beyond what the schema checks), with the fields at fault. */
export class BadInput extends HttpProblem {
  constructor(detail: string, fields?: FieldError[]) {
    super(400, 'Bad Request', detail, fields);
  }
}

/** A record that does not exist (or is not visible to the caller). */
export class NotFound extends HttpProblem {
  constructor(
    readonly what: string,
    readonly id: string | number,
  ) {
    super(404, 'Not Found', `${what} ${id} does not exist`);
  }
}

/** Optimistic concurrency: someone saved the record since the caller read it. */
export class StaleVersion extends HttpProblem {
  constructor(
    readonly what: string,
    readonly currentVersion: number,
    readonly sentVersion: number,
  ) {
    super(
      409,
      'Conflict',
      `${what} was changed by someone else (version ${currentVersion}, you sent ${sentVersion}); reload and retry`,
      undefined,
      { currentVersion },
    );
  }
}

/** The caller's account lacks the role: `editor` is a facilitator or an admin. */
export class MissingRole extends HttpProblem {
  constructor(readonly needed: 'editor' | 'admin') {
    super(403, 'Forbidden', `This needs the ${needed === 'editor' ? 'facilitator or admin' : 'admin'} role`);
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
};

/** A refusal only the pages raise, worded in Danish by the page itself (a form that expired, a year out of range). */
export class WebRefusal extends HttpProblem {
  constructor(status: 400 | 403 | 404 | 409, danish: string) {
    super(status, TITLES[status]!, danish);
  }
}

export const badRequest = (detail: string, fields?: FieldError[]) => new BadInput(detail, fields);
export const notFound = (what: string, id: string | number) => new NotFound(what, id);
export const conflict = (detail: string, extra?: Record<string, unknown>) =>
  new HttpProblem(409, 'Conflict', detail, undefined, extra);
export const unprocessable = (detail: string, extra?: Record<string, unknown>) =>
  new HttpProblem(422, 'Unprocessable Content', detail, undefined, extra);

/** Optimistic concurrency: the client must send the version it read. */
export function assertVersion(what: string, current: number, sent: number): void {
  if (current !== sent) throw new StaleVersion(what, current, sent);
}
