import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type FieldError, HttpProblem } from '../http/problems.ts';

const statusTitles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
};

interface ValidationIssue {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: { keys?: string[] };
}

function fieldsOf(error: FastifyError): FieldError[] {
  const context = (error as FastifyError & { validationContext?: string }).validationContext ?? 'body';
  return ((error.validation ?? []) as ValidationIssue[]).flatMap((v) => {
    const path = (v.instancePath ?? '').split('/').filter(Boolean);
    const base = [context, ...path].join('.');
    // zod reports unknown keys once for the object; name each key so the client sees which.
    if (v.keyword === 'unrecognized_keys' && v.params?.keys)
      return v.params.keys.map((k) => ({ field: `${base}.${k}`, message: 'unknown field' }));
    return [{ field: base, message: v.message ?? 'invalid' }];
  });
}

/** One error handler: client errors become problem+json, anything else a bare 500 with no internals. */
export default fp(async function problems(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let body: Record<string, unknown>;
    if (error instanceof HttpProblem) {
      body = error.toProblem();
    } else if (error.validation) {
      const fields = fieldsOf(error);
      body = {
        type: 'about:blank#validation',
        title: 'Bad Request',
        status: 400,
        detail: `Invalid ${fields.map((f) => f.field).join(', ')}`,
        fields,
      };
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      body = {
        type: `about:blank#${error.code ?? 'client-error'}`,
        title: statusTitles[error.statusCode] ?? 'Bad Request',
        status: error.statusCode,
        detail: error.message,
      };
    } else if ((error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) {
      // A constraint the domain code did not check first; still the client's doing, never a 500.
      request.log.warn({ err: error }, 'constraint violation');
      body = {
        type: 'about:blank#constraint',
        title: 'Conflict',
        status: 409,
        detail: 'The change conflicts with existing data',
      };
    } else {
      request.log.error({ err: error }, 'unhandled error');
      body = {
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        detail: 'An unexpected error occurred',
      };
    }
    if (body.status === 429 && !reply.getHeader('retry-after')) reply.header('retry-after', '60');
    return reply
      .code(body.status as number)
      .type('application/problem+json; charset=utf-8')
      .serializer(JSON.stringify)
      .send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    reply
      .code(404)
      .type('application/problem+json; charset=utf-8')
      .serializer(JSON.stringify)
      .send({
        type: 'about:blank#not-found',
        title: 'Not Found',
        status: 404,
        detail: `No route ${request.method} ${request.url.split('?')[0]}`,
      });
  });
});
