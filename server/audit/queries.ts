import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditEntry } from '../../db/schema/index.ts';
import { prepared } from '../../db/statements.ts';

/** The audit log's SQL, returning typed rows. */

export interface AuditInsert {
  at: string;
  accountId: number | null;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  programmeId: number | null;
  changes: string | null;
}

/** `changes` parsed from its JSON by drizzle. */
export type AuditEntryRow = Omit<typeof auditEntry.$inferSelect, 'accountId'>;

/**
 * A prepared statement: every write pays for this, and the query builder costs more than the insert.
 * Positional parameters: binding them by name from the row cost 0.6 µs more (3.3 → 2.7 µs).
 */
export function insertAuditEntry(db: Db, row: AuditInsert): void {
  prepared(
    db,
    `INSERT INTO audit_entry (at, account_id, actor, action, entity, entity_id, programme_id, changes)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(row.at, row.accountId, row.actor, row.action, row.entity, row.entityId, row.programmeId, row.changes);
}

/** A page of the log, newest first, optionally for one entity (kind, or kind and id) or programme. */
export function auditEntries(
  db: Db,
  filter: { entity?: string; entityId?: string; programmeId?: number },
  page: { limit: number; offset: number },
): { items: AuditEntryRow[]; total: number } {
  const conditions: SQL[] = [];
  if (filter.entity) conditions.push(eq(auditEntry.entity, filter.entity));
  if (filter.entityId) conditions.push(eq(auditEntry.entityId, filter.entityId));
  if (filter.programmeId !== undefined) conditions.push(eq(auditEntry.programmeId, filter.programmeId));
  const where = conditions.length ? and(...conditions) : undefined;
  const items = db
    .select({
      id: auditEntry.id,
      at: auditEntry.at,
      actor: auditEntry.actor,
      action: auditEntry.action,
      entity: auditEntry.entity,
      entityId: auditEntry.entityId,
      programmeId: auditEntry.programmeId,
      changes: auditEntry.changes,
    })
    .from(auditEntry)
    .where(where)
    .orderBy(desc(auditEntry.id))
    .limit(page.limit)
    .offset(page.offset)
    .all();
  const total = db.select({ n: count() }).from(auditEntry).where(where).get()?.n ?? 0;
  return { items, total };
}
