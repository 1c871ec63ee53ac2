import type { Db } from '../../db/client.ts';
import type { Actor } from '../accounts/accounts.ts';
import { recordAudit } from '../audit/audit.ts';
import { conflict, notFound } from '../http/problems.ts';
import { prepared } from '../register/prepared.ts';
import { nowIso } from '../time.ts';

export interface OutboxListItem {
  id: number;
  kind: string;
  toAddress: string;
  toName: string | null;
  subject: string;
  status: 'queued' | 'sending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
  meetingId: number | null;
}

export interface OutboxMessageDetail extends OutboxListItem {
  messageId: string;
  content: Record<string, unknown>;
  raw: string | null;
  nextAttemptAt: string;
}

const COLUMNS = `id, kind, to_address AS toAddress, to_name AS toName, subject, status, attempts,
  last_error AS lastError, sent_at AS sentAt, created_at AS createdAt, meeting_id AS meetingId`;

/** The outbox, newest first, optionally one status: what the facilitator sees on the outbox page. */
export function listOutbox(db: Db, o: { status?: string; limit: number; offset: number }) {
  const params = { status: o.status ?? null };
  const items = prepared(
    db,
    `SELECT ${COLUMNS} FROM outbox_message WHERE (:status IS NULL OR status = :status)
     ORDER BY id DESC LIMIT :limit OFFSET :offset`,
  ).all({ ...params, limit: o.limit, offset: o.offset }) as OutboxListItem[];
  const { total } = prepared(
    db,
    'SELECT count(*) AS total FROM outbox_message WHERE (:status IS NULL OR status = :status)',
  ).get(params) as { total: number };
  const counts = Object.fromEntries(
    (
      prepared(db, 'SELECT status, count(*) AS n FROM outbox_message GROUP BY status').all() as {
        status: string;
        n: number;
      }[]
    ).map((r) => [r.status, r.n]),
  ) as Record<string, number>;
  return { items, total, counts };
}

export function getOutboxMessage(db: Db, id: number): OutboxMessageDetail {
  const row = prepared(
    db,
    `SELECT ${COLUMNS}, message_id AS messageId, content, raw, next_attempt_at AS nextAttemptAt FROM outbox_message WHERE id = ?`,
  ).get(id) as (Omit<OutboxMessageDetail, 'content'> & { content: string }) | undefined;
  if (!row) throw notFound('Outbox message', id);
  return { ...row, content: JSON.parse(row.content) as Record<string, unknown> };
}

/** Puts a failed message back in the queue for the sender's next round. */
export function retryOutboxMessage(db: Db, actor: Actor, id: number): void {
  db.transaction(() => {
    const message = getOutboxMessage(db, id);
    if (message.status !== 'failed') throw conflict(`Message ${id} is ${message.status}, not failed`);
    prepared(
      db,
      "UPDATE outbox_message SET status = 'queued', next_attempt_at = ?, last_error = NULL WHERE id = ?",
    ).run(nowIso(), id);
    recordAudit(db, actor, {
      action: 'update',
      entity: 'outbox_message',
      entityId: id,
      changes: { status: ['failed', 'queued'] },
    });
  });
}
