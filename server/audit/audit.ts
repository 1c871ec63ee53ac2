import type { Db } from '../../db/client.ts';
import type { Actor } from '../accounts/accounts.ts';
import { nowIso } from '../time.ts';
import { auditEntries, insertAuditEntry } from './queries.ts';

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
  insertAuditEntry(db, {
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
  return auditEntries(db, { entity: query.entity, entityId: query.entityId }, query);
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
