import type { Db } from '../../db/client.ts';
import type { Actor } from '../accounts/accounts.ts';
import { recordAudit } from '../audit/audit.ts';
import { NotFound } from '../http/problems.ts';

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

type Row = Record<string, unknown>;

function foreignKeys(db: Db): { table: string; column: string; references: string }[] {
  const tables = db.$client
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_\\_%' ESCAPE '\\'",
    )
    .all() as { name: string }[];
  return tables.flatMap(({ name }) =>
    (db.$client.prepare(`PRAGMA foreign_key_list("${name}")`).all() as { from: string; table: string }[]).map(
      (fk) => ({ table: name, column: fk.from, references: fk.table }),
    ),
  );
}

/** Everything the service holds about one person, table by table, as JSON-ready rows. */
export function exportPerson(db: Db, actor: Actor | null, personId: number): Record<string, Row[]> {
  const person = db.$client.prepare('SELECT * FROM person WHERE id = ?').get(personId) as Row | undefined;
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
    add(
      fk.table,
      db.$client.prepare(`SELECT * FROM "${fk.table}" WHERE "${fk.column}" = ?`).all(personId) as Row[],
    );
  const invitationIds = (out.invitation ?? []).map((i) => i.id);
  for (const fk of fks.filter((f) => f.references === 'invitation'))
    for (const id of invitationIds)
      add(
        fk.table,
        db.$client.prepare(`SELECT * FROM "${fk.table}" WHERE "${fk.column}" = ?`).all(id) as Row[],
      );
  for (const [table, columns] of Object.entries(ADDRESS_COLUMNS))
    for (const column of columns)
      add(
        table,
        db.$client
          .prepare(`SELECT * FROM "${table}" WHERE lower("${column}") = lower(?)`)
          .all(email) as Row[],
      );
  add(
    'audit_entry',
    db.$client
      .prepare(
        `SELECT * FROM audit_entry WHERE (entity = 'person' AND entity_id = :id)
           OR instr(lower(changes), lower(:email)) > 0 OR instr(changes, :name) > 0`,
      )
      .all({ id: String(personId), email, name: JSON.stringify(String(person.name)) }) as Row[],
  );
  recordAudit(db, actor, { action: 'export', entity: 'person', entityId: String(personId) });
  return out;
}
