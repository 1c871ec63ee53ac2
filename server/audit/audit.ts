import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditEntry } from '../../db/schema/index.ts';
import { prepared } from '../../db/statements.ts';
import type { Actor } from '../accounts/accounts.ts';
import { nowIso } from '../time.ts';

export type AuditAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'import'
  | 'send'
  | 'plan'
  | 'export'
  | 'erase'
  | 'retention';

export interface AuditRecord {
  action: AuditAction;
  entity: string;
  entityId?: string | number | null;
  changes?: unknown;
}

/** Call inside the write's own transaction, so the change and its record stand or fall together. */
export function recordAudit(db: Db, actor: Actor | null, record: AuditRecord): void {
  // a prepared statement: every write pays for this, and the query builder costs more than the insert
  prepared(
    db,
    `INSERT INTO audit_entry (at, account_id, actor, action, entity, entity_id, changes)
     VALUES (:at, :accountId, :actor, :action, :entity, :entityId, :changes)`,
  ).run({
    at: nowIso(),
    accountId: actor?.id ?? null,
    actor: actor?.email ?? 'system',
    action: record.action,
    entity: record.entity,
    entityId: record.entityId == null ? null : String(record.entityId),
    changes: record.changes == null ? null : JSON.stringify(record.changes),
  });
}

export interface AuditQuery {
  limit: number;
  offset: number;
  entity?: string;
  entityId?: string;
}

/** The audit log, newest first, optionally for one entity (kind, or kind and id). */
export function listAudit(db: Db, query: AuditQuery) {
  const conditions: SQL[] = [];
  if (query.entity) conditions.push(eq(auditEntry.entity, query.entity));
  if (query.entityId) conditions.push(eq(auditEntry.entityId, query.entityId));
  const where = conditions.length ? and(...conditions) : undefined;
  const items = db
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
    .limit(query.limit)
    .offset(query.offset)
    .all();
  const total = db.select({ n: count() }).from(auditEntry).where(where).get()?.n ?? 0;
  return { items, total };
}

/** The fields that changed, as {field: [before, after]}. */
export function diff<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value !== undefined && JSON.stringify(before[key]) !== JSON.stringify(value))
      changes[key] = [before[key], value];
  }
  return changes;
}
