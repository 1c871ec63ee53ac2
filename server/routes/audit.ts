import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { programmeForKey } from '../accounts/access.ts';
import { programmeKeysById } from '../accounts/queries/scope.ts';
import { listAudit } from '../audit/audit.ts';
import { Pagination, pageOf, Timestamp } from '../http/common-schemas.ts';
import { Text } from '../http/text.ts';

const AuditEntry = z
  .object({
    id: z.number().int(),
    at: Timestamp,
    actor: z.string(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    programme: z.string().nullable().describe('Key of the programme the change belongs to'),
    changes: z.unknown(),
  })
  .meta({ id: 'AuditEntry' });

const AuditQuery = z.strictObject({
  ...Pagination,
  entity: Text('code').optional(),
  entityId: Text('code').optional(),
  programme: Text('code').optional().describe('Key of a programme: its changes only'),
});

const audit: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['system'],
        summary: 'Who changed what, newest first (admins)',
        querystring: AuditQuery,
        response: { 200: pageOf(AuditEntry) },
      },
    },
    async (request) => {
      const { limit, offset, entity, entityId, programme } = request.query;
      const programmeId = programme
        ? programmeForKey(app.db, request.actor, programme, 'read').id
        : undefined;
      const { items, total } = listAudit(app.db, { limit, offset, entity, entityId, programmeId });
      const keys = programmeKeysById(app.db);
      return {
        items: items.map(({ programmeId: id, ...entry }) => ({
          ...entry,
          programme: id === null ? null : (keys.get(id) ?? null),
        })),
        total,
        limit,
        offset,
      };
    },
  );
};
export default audit;
