import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { assertRecordAccess, type Need } from '../accounts/access.ts';
import type { ScopedRecord } from '../accounts/scope-queries.ts';

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
  // the pages
  { path: '/moeder/:id', kind: 'meeting', param: 'id' },
  { path: '/moeder/:id/barrierer/:barrierId', kind: 'barrier', param: 'barrierId' },
  { path: '/kredse/:code', kind: 'district', param: 'code' },
  { path: '/personer/:id', kind: 'person', param: 'id' },
  { path: '/organisationer/:id', kind: 'organisation', param: 'id' },
  { path: '/udbakke/:id', kind: 'outbox', param: 'id' },
];

function covers(path: string, url: string): boolean {
  return url === path || url.startsWith(`${path}/`) || url.startsWith(`${path}.`);
}

function needOf(request: FastifyRequest): Need {
  return request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'write';
}

export default fp(
  async function programmeAccess(app: FastifyInstance) {
    app.addHook('preHandler', async (request) => {
      const url = request.routeOptions.url;
      if (!url || !request.actor || request.actor.programmes === 'all') return;
      const params = request.params as Record<string, unknown>;
      for (const scoped of SCOPED_PATHS) {
        if (!covers(scoped.path, url)) continue;
        const value = params[scoped.param];
        // a malformed id is the route's own 400/404
        if (typeof value !== 'number' && !(typeof value === 'string' && /^[0-9A-Za-z-]{1,50}$/.test(value)))
          continue;
        assertRecordAccess(app.db, request.actor, scoped.kind, value, needOf(request));
      }
    });
  },
  { name: 'programme-access', dependencies: ['authentication'] },
);
