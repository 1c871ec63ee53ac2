import type { Db } from '../../db/client.ts';
import { insertRows, prepared, type RowsInsert } from '../../db/statements.ts';
import type { DeliveryFailure } from './delivery-reports.ts';
import type { OutboxMessage, OutboxStatus } from './outbox-admin.ts';

/**
 * The outbox's SQL in one place (queueing, claiming and recording deliveries, the admin listing,
 * bounces), each query returning typed rows. Everything is prepared: a send queues thousands of
 * messages in one transaction and the sender records outcomes in batches.
 */

/** A message as the sender takes it for delivery. */
export interface OutboxRow {
  id: number;
  messageId: string;
  kind: string;
  toAddress: string;
  toName: string | null;
  subject: string;
  /** The message's own fields as JSON; the stored content is these followed by `part`'s (sender.ts queuedContent). */
  content: string;
  /** The members of its shared part (outbox_part), or null. */
  part: string | null;
  attempts: number;
  createdAt: string;
}

/** The shared part of a message, as a column (`part`) of a row of outbox_message. */
export const OUTBOX_PART_COLUMN =
  '(SELECT members FROM outbox_part WHERE outbox_part.id = outbox_message.part_id) AS part';

export interface OutboxInsert {
  messageId: string;
  kind: string;
  toAddress: string;
  toName: string | null;
  subject: string;
  content: string;
  partId: number | null;
  meetingId: number | null;
  invitationId: number | null;
  now: string;
}

/** Stores members that many messages share (a meeting's calendar data): their part id. */
export function insertOutboxPart(db: Db, members: string, now: string): number {
  const { lastInsertRowid } = prepared(db, 'INSERT INTO outbox_part (members, created_at) VALUES (?, ?)').run(
    members,
    now,
  );
  return Number(lastInsertRowid);
}

const OUTBOX_INSERT: RowsInsert = {
  into: `INSERT INTO outbox_message (message_id, kind, to_address, to_name, subject, content, part_id, meeting_id,
       invitation_id, status, attempts, next_attempt_at, created_at)`,
  tuple: "(?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?)",
};

const outboxValues = (row: OutboxInsert): unknown[] => [
  row.messageId,
  row.kind,
  row.toAddress,
  row.toName,
  row.subject,
  row.content,
  row.partId,
  row.meetingId,
  row.invitationId,
  row.now,
  row.now,
];

const INSERT_OUTBOX_MESSAGE = `${OUTBOX_INSERT.into} VALUES ${OUTBOX_INSERT.tuple}`;

export function insertOutboxMessage(db: Db, row: OutboxInsert): number {
  return Number(prepared(db, INSERT_OUTBOX_MESSAGE).run(outboxValues(row)).lastInsertRowid);
}

/** Many messages queued together (a meeting's invitees), a few statements for all of them. */
export function insertOutboxMessages(db: Db, rows: OutboxInsert[]): void {
  insertRows(db, OUTBOX_INSERT, rows.map(outboxValues));
}

// ---- delivering

/** Takes up to `limit` due messages (queued → sending, leased until `lease`) in one statement. */
export function claimQueued(db: Db, at: { now: string; lease: string; limit: number }): OutboxRow[] {
  return prepared<OutboxRow>(
    db,
    `UPDATE outbox_message SET status = 'sending', next_attempt_at = :lease
     WHERE id IN (SELECT id FROM outbox_message WHERE status = 'queued' AND next_attempt_at <= :now
                  ORDER BY next_attempt_at, id LIMIT :limit)
     RETURNING id, message_id AS messageId, kind, to_address AS toAddress, to_name AS toName, subject, content,
               ${OUTBOX_PART_COLUMN}, attempts, created_at AS createdAt`,
  ).all(at);
}

/** Messages left 'sending' go back in the queue: all of them, or only those whose lease ran out. */
export function requeueSending(db: Db, options: { all: boolean; now: string }): number {
  const sql = options.all
    ? `UPDATE outbox_message SET status = 'queued', next_attempt_at = :now WHERE status = 'sending'`
    : `UPDATE outbox_message SET status = 'queued' WHERE status = 'sending' AND next_attempt_at <= :now`;
  return prepared(db, sql).run({ now: options.now }).changes;
}

export function releaseClaim(db: Db, id: number, now: string): void {
  prepared(
    db,
    `UPDATE outbox_message SET status = 'queued', next_attempt_at = :now WHERE id = :id AND status = 'sending'`,
  ).run({ id, now });
}

/** `raw` and `content` null keep what is stored. */
export function markSent(
  db: Db,
  row: { id: number; at: string; raw: string | null; content: string | null },
): void {
  prepared(
    db,
    `UPDATE outbox_message SET status = 'sent', sent_at = :at, attempts = attempts + 1, last_error = NULL,
       raw = COALESCE(:raw, raw), content = COALESCE(:content, content) WHERE id = :id`,
  ).run(row);
}

export function markRetry(db: Db, row: { id: number; error: string; next: string }): void {
  prepared(
    db,
    `UPDATE outbox_message SET status = 'queued', attempts = attempts + 1, last_error = :error,
       next_attempt_at = :next WHERE id = :id`,
  ).run(row);
}

export function markFailed(db: Db, row: { id: number; error: string }): void {
  prepared(
    db,
    `UPDATE outbox_message SET status = 'failed', attempts = attempts + 1, last_error = :error WHERE id = :id`,
  ).run(row);
}

// ---- the admin's view

const COLUMNS = `id, message_id AS messageId, kind, to_address AS toAddress, to_name AS toName, subject,
  meeting_id AS meetingId, invitation_id AS invitationId, status, attempts, next_attempt_at AS nextAttemptAt,
  last_error AS lastError, sent_at AS sentAt, created_at AS createdAt`;
const FILTER = `(:status IS NULL OR status = :status) AND (:meeting IS NULL OR meeting_id = :meeting)
  AND (:kind IS NULL OR kind = :kind)
  AND (:programmes IS NULL OR meeting_id IN (SELECT m.id FROM meeting m JOIN area a ON a.id = m.area_id
    WHERE a.programme_id IN (SELECT value FROM json_each(:programmes))))`;

/** Filters bind NULL when absent, so one prepared statement serves every combination. */
export function outboxPage(
  db: Db,
  /** programmes: the caller's scope; a message of no meeting is seen by platform admins only. */
  filter: { status: string | null; meeting: number | null; kind: string | null; programmes: string | null },
  page: { limit: number; offset: number },
): { items: OutboxMessage[]; total: number } {
  const items = prepared<OutboxMessage>(
    db,
    `SELECT ${COLUMNS} FROM outbox_message WHERE ${FILTER} ORDER BY id DESC LIMIT :limit OFFSET :offset`,
  ).all({ ...filter, limit: page.limit, offset: page.offset });
  const total =
    prepared<{ total: number }>(db, `SELECT count(*) AS total FROM outbox_message WHERE ${FILTER}`).get(
      filter,
    )?.total ?? 0;
  return { items, total };
}

export function statusCounts(db: Db, meetingId: number | null): { status: OutboxStatus; n: number }[] {
  return prepared<{ status: OutboxStatus; n: number }>(
    db,
    'SELECT status, count(*) AS n FROM outbox_message WHERE (:meeting IS NULL OR meeting_id = :meeting) GROUP BY status',
  ).all({ meeting: meetingId });
}

export function outboxMessageById(db: Db, id: number): OutboxMessage | undefined {
  return prepared<OutboxMessage>(db, `SELECT ${COLUMNS} FROM outbox_message WHERE id = ?`).get(id);
}

/** The message as the sender would take it, with the RFC 822 source when one was captured. */
export function outboxSource(db: Db, id: number): (OutboxRow & { raw: string | null }) | undefined {
  return prepared<OutboxRow & { raw: string | null }>(
    db,
    `SELECT id, message_id AS messageId, kind, to_address AS toAddress, to_name AS toName, subject, content,
       ${OUTBOX_PART_COLUMN}, attempts, created_at AS createdAt, raw FROM outbox_message WHERE id = ?`,
  ).get(id);
}

export function requeueWithFreshAttempts(db: Db, id: number, now: string): void {
  prepared(
    db,
    `UPDATE outbox_message SET status = 'queued', attempts = 0, next_attempt_at = ? WHERE id = ?`,
  ).run(now, id);
}

// ---- bounces and failures

export function latestMessageTo(db: Db, messageId: string, recipient: string): number | undefined {
  return prepared<{ id: number }>(
    db,
    `SELECT id FROM outbox_message WHERE message_id = ? AND to_address = ? ORDER BY id DESC LIMIT 1`,
  ).get(messageId, recipient)?.id;
}

export function latestSentTo(db: Db, recipient: string): number | undefined {
  return prepared<{ id: number }>(
    db,
    `SELECT id FROM outbox_message WHERE to_address = ? AND status = 'sent' ORDER BY id DESC LIMIT 1`,
  ).get(recipient)?.id;
}

export function markBounced(db: Db, id: number, at: string, reason: string): void {
  prepared(db, 'UPDATE outbox_message SET bounced_at = ?, last_error = ? WHERE id = ?').run(at, reason, id);
}

const FAILURE_SQL = `
  SELECT id, kind, to_address AS toAddress, to_name AS toName, subject,
    CASE WHEN bounced_at IS NOT NULL THEN 'bounced' ELSE 'refused' END AS how,
    last_error AS reason, COALESCE(bounced_at, sent_at, next_attempt_at, created_at) AS at
  FROM outbox_message WHERE (status = 'failed' OR bounced_at IS NOT NULL)`;

/** Mail of one meeting that failed or bounced, newest first (at most 200). */
export function failuresOfMeeting(db: Db, meetingId: number): DeliveryFailure[] {
  return prepared<DeliveryFailure>(db, `${FAILURE_SQL} AND meeting_id = ? ORDER BY id DESC LIMIT 200`).all(
    meetingId,
  );
}

/** Mail to one address that failed or bounced, newest first (at most 200). */
export function failuresTo(db: Db, address: string): DeliveryFailure[] {
  return prepared<DeliveryFailure>(db, `${FAILURE_SQL} AND to_address = ? ORDER BY id DESC LIMIT 200`).all(
    address,
  );
}
