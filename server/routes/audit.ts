import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditEntry } from '../../db/schema/index.ts';
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
      const conditions: SQL[] = [];
      if (entity) conditions.push(eq(auditEntry.entity, entity));
      if (entityId) conditions.push(eq(auditEntry.entityId, entityId));
      const where = conditions.length ? and(...conditions) : undefined;
      const items = app.db
        .select({
          id: auditEntry.id,
          at: auditEntry.at,
          actor: auditEntry.actor,
          action: auditEntry.action,
          entity: auditEntry.entity,
          entityId: auditEntry.entityId,
          changes: auditEntry.changes,
        })
        .from(auditEntry)
        .where(where)
        .orderBy(desc(auditEntry.id))
        .limit(limit)
        .offset(offset)
        .all();
      const total = app.db.select({ n: count() }).from(auditEntry).where(where).get()!.n;
      return { items, total, limit, offset };
    },
  );
};
export default audit;
