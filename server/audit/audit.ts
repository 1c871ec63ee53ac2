import type { Db } from '../../db/client.ts';
import type { Actor } from '../accounts/accounts.ts';
import { programmesOfRecord, type ScopedRecord } from '../accounts/queries/scope.ts';
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
  /** The programme the change belongs to; found from the entity when left out (see programmeOfEntry). */
  programmeId?: number | null;
  changes?: unknown;
}

/** The audited entities that belong to a programme, and the record kind that finds it. */
const PROGRAMME_OF_ENTITY: Record<string, ScopedRecord> = {
  meeting: 'meeting',
  agenda: 'meeting',
  attendance: 'meeting',
  meeting_audience: 'meeting',
  evaluation: 'meeting',
  lessons: 'meeting',
  referat: 'meeting',
  agenda_item: 'agendaItem',
  invitation: 'invitation',
  outbox_message: 'outbox',
  cycle: 'cycle',
  area: 'area',
  barrier: 'barrier',
  agreement: 'agreement',
  mapping: 'mapping',
  programme: 'programme',
};

/** The programme of an audited change; null for the shared register (people, organisations, catalogues). */
function programmeOfEntry(db: Db, record: AuditRecord): number | null {
  if (record.programmeId !== undefined) return record.programmeId;
  const kind = PROGRAMME_OF_ENTITY[record.entity];
  if (!kind || record.entityId == null) return null;
  const found = programmesOfRecord(db, kind, record.entityId)?.[0];
  if (found !== undefined) return found;
  // a deleted record is found no more: the area or meeting its last state names
  const last = (record.changes ?? {}) as { areaId?: unknown; meetingId?: unknown };
  if (typeof last.areaId === 'number') return programmesOfRecord(db, 'area', last.areaId)?.[0] ?? null;
  if (typeof last.meetingId === 'number')
    return programmesOfRecord(db, 'meeting', last.meetingId)?.[0] ?? null;
  return null;
}

/** Call inside the write's own transaction, so the change and its record stand or fall together. */
export function recordAudit(db: Db, actor: Actor | null, record: AuditRecord): void {
  insertAuditEntry(db, {
    programmeId: programmeOfEntry(db, record),
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
  programmeId?: number;
}

/** The audit log, newest first, optionally for one entity (kind, or kind and id) or one programme. */
export function listAudit(db: Db, query: AuditQuery) {
  return auditEntries(
    db,
    { entity: query.entity, entityId: query.entityId, programmeId: query.programmeId },
    query,
  );
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
