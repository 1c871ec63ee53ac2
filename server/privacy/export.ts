import type { Db } from '../../db/client.ts';
import type { Actor } from '../accounts/accounts.ts';
import { recordAudit } from '../audit/audit.ts';
import { NotFound } from '../http/problems.ts';
import {
  auditEntriesNaming,
  foreignKeys,
  personRow,
  rowsWhere,
  rowsWithAddress,
  type StoredRow,
} from './queries.ts';

/**
 * Where a person's data lives, found from the schema itself: every table with a foreign key to
 * `person`, every table with a foreign key to an invitation of theirs, and the tables that hold
 * their address as text (mail sent and received, accounts) or name them in the audit log.
 */
export const ADDRESS_COLUMNS: Record<string, string[]> = {
  outbox_message: ['to_address'],
  inbound_reply: ['from_address', 'attendee'],
  account: ['email'],
  oidc_identity: ['email'],
};

type Row = StoredRow;

/** Everything the service holds about one person, table by table, as JSON-ready rows. */
export function exportPerson(db: Db, actor: Actor | null, personId: number): Record<string, Row[]> {
  const person = personRow(db, personId);
  if (!person) throw new NotFound('Person', personId);
  const email = String(person.email);
  const out: Record<string, Row[]> = { person: [person] };
  const add = (table: string, rows: Row[]) => {
    const held = out[table] ?? [];
    out[table] = held;
    const seen = new Set(held.map((r) => JSON.stringify(r)));
    for (const r of rows) if (!seen.has(JSON.stringify(r))) held.push(r);
  };
  const fks = foreignKeys(db);
  for (const fk of fks.filter((f) => f.references === 'person'))
    add(fk.table, rowsWhere(db, fk.table, fk.column, personId));
  const invitationIds = (out.invitation ?? []).map((i) => i.id);
  for (const fk of fks.filter((f) => f.references === 'invitation'))
    for (const id of invitationIds) add(fk.table, rowsWhere(db, fk.table, fk.column, id));
  for (const [table, columns] of Object.entries(ADDRESS_COLUMNS))
    for (const column of columns) add(table, rowsWithAddress(db, table, column, email));
  // the calendar data of their invitations, stored once for all of a meeting's invitees
  for (const message of out.outbox_message ?? [])
    if (message.part_id != null) add('outbox_part', rowsWhere(db, 'outbox_part', 'id', message.part_id));
  add(
    'audit_entry',
    auditEntriesNaming(db, { id: String(personId), email, quotedName: JSON.stringify(String(person.name)) }),
  );
  recordAudit(db, actor, { action: 'export', entity: 'person', entityId: String(personId) });
  return out;
}
