import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { freshSince } from '../../db/statements.ts';
import { assertRecordAccess, type Need } from '../accounts/access.ts';
import type { ScopedRecord } from '../accounts/queries/scope.ts';
import { badRequest, NotFound } from '../http/problems.ts';

/**
 * Programme scope for every route that names a record in its path, in one table: the record's
 * programme decides whether the account may read it (else 404) or change it (else 403). A route
 * under a listed path (`/api/meetings/:id/agenda`) is covered by its prefix, so a new route about a
 * meeting is scoped without a line of its own. Lists filter by the account's programmes in their
 * queries; bodies naming records (an area, a person) are checked by the domain that reads them.
 */
const SCOPED_PATHS: { path: string; kind: ScopedRecord; param: string }[] = [
  { path: '/api/meetings/:id', kind: 'meeting', param: 'id' },
  { path: '/api/barriers/:id', kind: 'barrier', param: 'id' },
  { path: '/api/agreements/:id', kind: 'agreement', param: 'id' },
  { path: '/api/areas/:id', kind: 'area', param: 'id' },
  { path: '/api/districts/:code/mappings', kind: 'district', param: 'code' },
  { path: '/api/people/:id', kind: 'person', param: 'id' },
  { path: '/api/organisations/:id', kind: 'organisation', param: 'id' },
  { path: '/api/outbox/:id', kind: 'outbox', param: 'id' },
  { path: '/api/cycles/:year/areas/:areaId', kind: 'area', param: 'areaId' },
  { path: '/api/areas/:id/members/:organisationId', kind: 'organisation', param: 'organisationId' },
  // the pages
  { path: '/moeder/:id', kind: 'meeting', param: 'id' },
  { path: '/moeder/:id/barrierer/:barrierId', kind: 'barrier', param: 'barrierId' },
  { path: '/kredse/:code', kind: 'district', param: 'code' },
  { path: '/aftaler/:id', kind: 'agreement', param: 'id' },
  { path: '/personer/:id', kind: 'person', param: 'id' },
  { path: '/organisationer/:id', kind: 'organisation', param: 'id' },
  { path: '/udbakke/:id', kind: 'outbox', param: 'id' },
];

/**
 * Records a body names, checked the same way before the route runs: a new meeting, outcome, person or
 * area membership in another programme's area is refused as that record would be (404, or 403 for a
 * viewer). A person added to a meeting's audience need only be visible.
 */
const BODY_REFERENCES: { method: string; path: string; field: string; kind: ScopedRecord; need?: Need }[] = [
  { method: 'POST', path: '/api/meetings', field: 'areaId', kind: 'area' },
  { method: 'POST', path: '/api/barriers', field: 'areaId', kind: 'area' },
  { method: 'POST', path: '/api/barriers', field: 'districtCode', kind: 'district' },
  { method: 'POST', path: '/api/agreements', field: 'areaId', kind: 'area' },
  { method: 'POST', path: '/api/agreements', field: 'districtCode', kind: 'district' },
  { method: 'POST', path: '/api/organisations', field: 'areaIds', kind: 'area' },
  { method: 'POST', path: '/api/people', field: 'organisationId', kind: 'organisation' },
  { method: 'PATCH', path: '/api/people/:id', field: 'organisationId', kind: 'organisation' },
  {
    method: 'POST',
    path: '/api/meetings/:id/audience/people',
    field: 'personId',
    kind: 'person',
    need: 'read',
  },
  // contacts named on an outcome: only people the account can see (another programme's are unknown)
  ...[
    'POST /api/barriers',
    'PATCH /api/barriers/:id',
    'POST /api/agreements',
    'PATCH /api/agreements/:id',
  ].map((route) => {
    const [method, path] = route.split(' ') as [string, string];
    return { method, path, field: 'contactPersonIds', kind: 'person' as const, need: 'read' as const };
  }),
  // the pages' forms
  { method: 'POST', path: '/moeder/nyt', field: 'areaId', kind: 'area' },
  { method: 'POST', path: '/personer', field: 'organisationId', kind: 'organisation' },
  { method: 'POST', path: '/personer/:id', field: 'organisationId', kind: 'organisation' },
];

function covers(path: string, url: string): boolean {
  return url === path || url.startsWith(`${path}/`) || url.startsWith(`${path}.`);
}

/** An id or code as validated routes pass them; anything else is the route's own 400 or 404. */
function isKey(value: unknown): value is number | string {
  return typeof value === 'number' || (typeof value === 'string' && /^[0-9A-Za-z-]{1,50}$/.test(value));
}

function needOf(request: FastifyRequest): Need {
  return request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'write';
}

/** A body naming a record the account cannot see gets the 400 an unknown one gets, naming the field. */
function assertReference(
  request: FastifyRequest,
  ref: (typeof BODY_REFERENCES)[number],
  value: number | string,
) {
  try {
    assertRecordAccess(request.server.db, request.actor, ref.kind, value, ref.need ?? 'write');
  } catch (error) {
    if (!(error instanceof NotFound)) throw error;
    throw badRequest(`${error.what} ${value} does not exist`, [
      { field: `body.${ref.field}`, message: `unknown ${ref.kind}` },
    ]);
  }
}

/** Throws when the account may not reach a record the route names in its path or body. */
function assertProgrammeScope(request: FastifyRequest): void {
  const url = request.routeOptions.url;
  if (!url || !request.actor || request.actor.programmes === 'all') return;
  const params = request.params as Record<string, unknown>;
  const publicRead = request.routeOptions.config.access === 'public' && needOf(request) === 'read';
  for (const scoped of SCOPED_PATHS) {
    // reference data anyone may read (an area's organisations) stays readable
    if (publicRead || !covers(scoped.path, url)) continue;
    const value = params[scoped.param];
    if (isKey(value))
      assertRecordAccess(request.server.db, request.actor, scoped.kind, value, needOf(request));
  }
  const body = request.body as Record<string, unknown> | null | undefined;
  if (!body || typeof body !== 'object') return;
  for (const ref of BODY_REFERENCES) {
    if (ref.method !== request.method || ref.path !== url) continue;
    const sent = body[ref.field];
    for (const value of Array.isArray(sent) ? sent : [sent])
      if (isKey(value)) assertReference(request, ref, value);
  }
}

export default fp(
  async function programmeAccess(app: FastifyInstance) {
    // a callback, not an async hook: every request passes here, and the check is synchronous (a
    // throw is the request's error either way); an async hook costs a promise and a turn of microtasks
    app.addHook('preHandler', (request, _reply, done) => {
      // the records' programmes as of the request's authentication or later: no second read lock
      freshSince(app.db, request.receivedAt, () => assertProgrammeScope(request));
      done();
    });
  },
  { name: 'programme-access', dependencies: ['authentication'] },
);
