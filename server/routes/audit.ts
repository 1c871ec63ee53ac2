import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
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
    changes: z.unknown(),
  })
  .meta({ id: 'AuditEntry' });

const AuditQuery = z.strictObject({
  ...Pagination,
  entity: Text('code').optional(),
  entityId: Text('code').optional(),
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
      const { limit, offset, entity, entityId } = request.query;
      const { items, total } = listAudit(app.db, { limit, offset, entity, entityId });
      return { items, total, limit, offset };
    },
  );
};
export default audit;
