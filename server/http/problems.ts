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

export const badRequest = (detail: string, fields?: FieldError[]) =>
  new HttpProblem(400, 'Bad Request', detail, fields);
export const notFound = (what: string, id: string | number) =>
  new HttpProblem(404, 'Not Found', `${what} ${id} does not exist`);
export const conflict = (detail: string, extra?: Record<string, unknown>) =>
  new HttpProblem(409, 'Conflict', detail, undefined, extra);
export const unprocessable = (detail: string, extra?: Record<string, unknown>) =>
  new HttpProblem(422, 'Unprocessable Content', detail, undefined, extra);

/** Optimistic concurrency: the client must send the version it read. */
export function assertVersion(what: string, current: number, sent: number): void {
  if (current !== sent)
    throw conflict(
      `${what} was changed by someone else (version ${current}, you sent ${sent}); reload and retry`,
      {
        currentVersion: current,
      },
    );
}
