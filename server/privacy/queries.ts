import type { Db } from '../../db/client.ts';
import { prepared } from '../../db/statements.ts';
import { OUTBOX_PART_COLUMN } from '../mail/queries.ts';

/** The privacy domain's SQL: erasure (anonymising one person), retention (ageing data out) and the export. */

export interface PersonFacts {
  id: number;
  name: string;
  email: string;
  phone: string | null;
  title: string | null;
}

export function personFacts(db: Db, id: number): PersonFacts | undefined {
  return prepared<PersonFacts>(db, 'SELECT id, name, email, phone, title FROM person WHERE id = ?').get(id);
}

export function invitationIdsOf(db: Db, personId: number): number[] {
  return prepared<{ id: number }>(db, 'SELECT id FROM invitation WHERE person_id = ?')
    .all(personId)
    .map((r) => r.id);
}

/** The answers stay (the meeting's figures count them); what the person wrote and the links go. */
export function blankInvitations(db: Db, personId: number): number {
  return prepared(
    db,
    `UPDATE invitation SET comment = NULL, dietary_needs = NULL, accessibility_needs = NULL,
            token_lookup_id = NULL, token_hash = NULL, token_expires_at = NULL
     WHERE person_id = ?`,
  ).run(personId).changes;
}

export function deleteAnswerLinks(db: Db, personId: number): number {
  return prepared(
    db,
    'DELETE FROM answer_link WHERE invitation_id IN (SELECT id FROM invitation WHERE person_id = ?)',
  ).run(personId).changes;
}

export function anonymisePersonRow(db: Db, id: number, name: string, email: string, now: string): void {
  prepared(
    db,
    `UPDATE person SET name = ?, email = ?, phone = NULL, title = NULL, is_fixed_contact = 0,
       version = version + 1, updated_at = ? WHERE id = ?`,
  ).run(name, email, now, id);
}

export interface OutboxText {
  id: number;
  toAddress: string;
  subject: string;
  content: string;
  lastError: string | null;
  raw: string | null;
  /** Its shared part (outbox_part: a meeting's calendar data), which may name the person too. */
  partId: number | null;
  part: string | null;
  personal: number;
}

/**
 * Stored JSON text as searched for a name or address: calendar text in it is folded at 75 octets
 * (a line break and a space, JSON-escaped), which can fall inside either.
 */
const UNFOLDED = (column: string) => `replace(${column}, '\\r\\n ', '')`;

/**
 * Outbox messages to the person (by invitation or address), flagged `personal`, and any other
 * message whose text may name them (a delegate's invitation names who passed it on, a calendar
 * lists every attendee).
 */
export function outboxMentioning(db: Db, personId: number, email: string, name: string): OutboxText[] {
  return prepared<OutboxText>(
    db,
    `SELECT id, to_address AS toAddress, subject, content, last_error AS lastError, raw, part_id AS partId,
       ${OUTBOX_PART_COLUMN},
       (invitation_id IN (SELECT id FROM invitation WHERE person_id = :personId)
         OR lower(to_address) = :email) AS personal
     FROM outbox_message
     WHERE invitation_id IN (SELECT id FROM invitation WHERE person_id = :personId)
       OR lower(to_address) = :email
       OR instr(lower(${UNFOLDED('content')}), :email) > 0 OR instr(${UNFOLDED('content')}, :name) > 0
       OR instr(lower(coalesce(raw, '')), :email) > 0 OR instr(coalesce(raw, ''), :name) > 0
       OR instr(lower(coalesce(last_error, '')), :email) > 0
       OR part_id IN (SELECT id FROM outbox_part
                      WHERE instr(lower(${UNFOLDED('members')}), :email) > 0 OR instr(${UNFOLDED('members')}, :name) > 0)`,
  ).all({ personId, email, name });
}

/** A message to the person keeps only what the outbox's own figures need: kind, meeting, status, times. */
export function anonymiseOutboxMessage(db: Db, id: number, toAddress: string, now: string): void {
  prepared(
    db,
    `UPDATE outbox_message SET to_address = ?, to_name = NULL, subject = '', content = '{}', part_id = NULL,
       raw = NULL, last_error = CASE WHEN status = 'queued' THEN 'erased' ELSE NULL END,
       status = CASE WHEN status = 'queued' THEN 'failed' ELSE status END,
       next_attempt_at = CASE WHEN status = 'queued' THEN ? ELSE next_attempt_at END
     WHERE id = ?`,
  ).run(toAddress, now, id);
}

/** Another message that named the person: its texts with the name and address replaced. */
export function rewriteOutboxText(
  db: Db,
  id: number,
  texts: { subject: string; content: string; lastError: string | null },
): void {
  prepared(
    db,
    'UPDATE outbox_message SET subject = :subject, content = :content, last_error = :lastError, raw = NULL WHERE id = :id',
  ).run({ id, ...texts });
}

/** A shared part that named the person (an attendee of a meeting's calendar), with the name and address replaced. */
export function rewriteOutboxPart(db: Db, id: number, members: string): void {
  prepared(db, 'UPDATE outbox_part SET members = ? WHERE id = ?').run(members, id);
}

/** Shared parts no message reads any more (their messages erased or past keeping). */
export function deleteUnusedOutboxParts(db: Db): number {
  return prepared(
    db,
    'DELETE FROM outbox_part WHERE NOT EXISTS (SELECT 1 FROM outbox_message WHERE part_id = outbox_part.id)',
  ).run().changes;
}

export function anonymiseInboundReplies(db: Db, personId: number, email: string, name: string): number {
  return prepared(
    db,
    `UPDATE inbound_reply SET from_address = NULL, attendee = NULL, subject = NULL
     WHERE invitation_id IN (SELECT id FROM invitation WHERE person_id = :personId)
       OR lower(from_address) = :email OR lower(attendee) = :email
       OR instr(lower(coalesce(attendee, '')), :email) > 0 OR instr(coalesce(subject, ''), :name) > 0`,
  ).run({ personId, email, name }).changes;
}

export interface AuditText {
  id: number;
  entity: string;
  entityId: string | null;
  actor: string;
  changes: string | null;
}

/** Audit entries about the person or their invitations, or whose record holds their name or address. */
export function auditMentioning(db: Db, personId: number, email: string, name: string): AuditText[] {
  return prepared<AuditText>(
    db,
    `SELECT id, entity, entity_id AS entityId, actor, changes FROM audit_entry
     WHERE (entity = 'person' AND entity_id = :id)
       OR (entity = 'invitation' AND entity_id IN
             (SELECT CAST(id AS TEXT) FROM invitation WHERE person_id = :personId))
       OR instr(lower(coalesce(changes, '')), :email) > 0 OR instr(coalesce(changes, ''), :name) > 0
       OR instr(lower(actor), :email) > 0`,
  ).all({ id: String(personId), personId, email, name });
}

export function rewriteAudit(db: Db, id: number, actor: string, changes: string | null): void {
  prepared(db, 'UPDATE audit_entry SET actor = ?, changes = ? WHERE id = ?').run(actor, changes, id);
}

/** The staff account with the person's address (a contact person who also signs in), if any. */
export function accountIdByEmail(db: Db, email: string): number | undefined {
  return prepared<{ id: number }>(db, 'SELECT id FROM account WHERE lower(email) = ?').get(email)?.id;
}

/** Closes the account: no sessions, tokens or sign-in identities; the row stays for the audit log's ids. */
export function closeAccount(db: Db, accountId: number, placeholder: string, now: string): number {
  const sessions = prepared(db, 'DELETE FROM session WHERE account_id = ?').run(accountId).changes;
  prepared(db, 'DELETE FROM api_token WHERE account_id = ?').run(accountId);
  prepared(db, 'DELETE FROM oidc_identity WHERE account_id = ?').run(accountId);
  prepared(
    db,
    `UPDATE account SET email = ?, name = NULL, password_hash = NULL, disabled_at = coalesce(disabled_at, ?)
     WHERE id = ?`,
  ).run(placeholder, now, accountId);
  return sessions;
}

export function deleteSignInIdentities(db: Db, email: string): number {
  return prepared(db, 'DELETE FROM oidc_identity WHERE lower(email) = ?').run(email).changes;
}

/** Columns that name who acted by address (a staff account, or "svarlink:<address>"). */
const ACTOR_COLUMNS = [
  ['barrier_status_change', 'actor'],
  ['agreement_revision', 'saved_by'],
  ['district_mapping', 'updated_by'],
  ['meeting_lessons', 'updated_by'],
  ['meeting_material', 'uploaded_by'],
  ['referat_version', 'author'],
  ['referat_version', 'approved_by'],
  ['referat_version', 'sent_by'],
  ['meeting', 'host_confirmed_by'],
  ['date_proposal', 'actor_email'],
] as const;

export function replaceActor(db: Db, email: string, placeholder: string): number {
  let changed = 0;
  for (const [table, column] of ACTOR_COLUMNS)
    changed += prepared(
      db,
      `UPDATE ${table} SET ${column} = replace(lower(${column}), :email, :placeholder)
       WHERE instr(lower(${column}), :email) > 0`,
    ).run({ email, placeholder }).changes;
  return changed;
}

/** Answers' comments of meetings that ended before the cutoff. */
export function clearAnswerComments(db: Db, endedBefore: string): number {
  return prepared(
    db,
    `UPDATE invitation SET comment = NULL
     WHERE comment IS NOT NULL AND meeting_id IN (SELECT id FROM meeting WHERE ends_at < ?)`,
  ).run(endedBefore).changes;
}

/** Dietary and accessibility needs of meetings that ended before the instant. */
export function clearAnswerNeeds(db: Db, endedBefore: string): number {
  return prepared(
    db,
    `UPDATE invitation SET dietary_needs = NULL, accessibility_needs = NULL
     WHERE (dietary_needs IS NOT NULL OR accessibility_needs IS NOT NULL)
       AND meeting_id IN (SELECT id FROM meeting WHERE ends_at < ?)`,
  ).run(endedBefore).changes;
}

/** The same comments where the audit log recorded them ({comment: [before, after]}). */
export function clearAuditedComments(db: Db, endedBefore: string): number {
  return prepared(
    db,
    `UPDATE audit_entry SET changes = json_replace(changes, '$.comment', json('[null,null]'))
     WHERE entity = 'invitation' AND json_valid(changes)
       AND (json_extract(changes, '$.comment[0]') IS NOT NULL OR json_extract(changes, '$.comment[1]') IS NOT NULL)
       AND CAST(entity_id AS INTEGER) IN
         (SELECT i.id FROM invitation i JOIN meeting m ON m.id = i.meeting_id WHERE m.ends_at < ?)`,
  ).run(endedBefore).changes;
}

export function clearInboundReplies(db: Db, receivedBefore: string): number {
  return prepared(
    db,
    `UPDATE inbound_reply SET from_address = NULL, attendee = NULL, subject = NULL
     WHERE received_at < ? AND (from_address IS NOT NULL OR attendee IS NOT NULL OR subject IS NOT NULL)`,
  ).run(receivedBefore).changes;
}

/** Sent and failed messages whose body is past keeping; queued ones are still to be delivered. */
export function outboxBodiesBefore(db: Db, sentBefore: string): number[] {
  return prepared<{ id: number }>(
    db,
    `SELECT id FROM outbox_message
     WHERE status IN ('sent', 'failed') AND coalesce(sent_at, created_at) < ?
       AND (content != '{}' OR part_id IS NOT NULL OR raw IS NOT NULL)`,
  )
    .all(sentBefore)
    .map((r) => r.id);
}

export function clearOutboxBody(db: Db, id: number): void {
  prepared(db, "UPDATE outbox_message SET content = '{}', part_id = NULL, raw = NULL WHERE id = ?").run(id);
}

export function deleteSessionsBefore(db: Db, createdBefore: string): number {
  return prepared(db, 'DELETE FROM session WHERE created_at < ?').run(createdBefore).changes;
}

// ---- the export

/**
 * The export's reads are generic over whatever tables the schema has, so a table added
 * later is covered without a change here. Table and column names come from SQLite's own catalogue
 * (or the export's fixed list), never from a request.
 */

/** A row as stored, every column. */
export type StoredRow = Record<string, unknown>;

export interface ForeignKeyRow {
  table: string;
  column: string;
  references: string;
}

/** Every foreign key of every table (not SQLite's own or drizzle's ledger). */
export function foreignKeys(db: Db): ForeignKeyRow[] {
  const tables = prepared<{ name: string }>(
    db,
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_\\_%' ESCAPE '\\'",
  ).all();
  return tables.flatMap(({ name }) =>
    prepared<{ from: string; table: string }>(db, `PRAGMA foreign_key_list("${name}")`)
      .all()
      .map((fk) => ({ table: name, column: fk.from, references: fk.table })),
  );
}

export function personRow(db: Db, personId: number): StoredRow | undefined {
  return prepared<StoredRow>(db, 'SELECT * FROM person WHERE id = ?').get(personId);
}

/** The table's rows whose column holds the value. */
export function rowsWhere(db: Db, table: string, column: string, value: unknown): StoredRow[] {
  return prepared<StoredRow>(db, `SELECT * FROM "${table}" WHERE "${column}" = ?`).all(value);
}

/** The table's rows whose column holds the address, in any case. */
export function rowsWithAddress(db: Db, table: string, column: string, email: string): StoredRow[] {
  return prepared<StoredRow>(db, `SELECT * FROM "${table}" WHERE lower("${column}") = lower(?)`).all(email);
}

/** Audit entries about the person, or whose changes name their address or (JSON-quoted) name. */
export function auditEntriesNaming(
  db: Db,
  about: { id: string; email: string; quotedName: string },
): StoredRow[] {
  return prepared<StoredRow>(
    db,
    `SELECT * FROM audit_entry WHERE (entity = 'person' AND entity_id = :id)
       OR instr(lower(changes), lower(:email)) > 0 OR instr(changes, :name) > 0`,
  ).all({ id: about.id, email: about.email, name: about.quotedName });
}
