import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { outboxStatuses } from '../../db/schema/index.ts';
import { prepared } from '../../db/statements.ts';
import type { Actor } from '../accounts/accounts.ts';
import { recordAudit } from '../audit/audit.ts';
import { Id, Pagination, pageOf, Timestamp } from '../http/common-schemas.ts';
import { conflict, notFound } from '../http/problems.ts';
import { Text } from '../http/text.ts';
import { nowIso } from '../time.ts';
import { messageOf, type OutboxRow } from './sender.ts';
import { composeRaw } from './transports.ts';

export const OutboxMessage = z
  .object({
    id: z.number().int(),
    messageId: z.string(),
    kind: z.string(),
    toAddress: z.string(),
    toName: z.string().nullable(),
    subject: z.string(),
    meetingId: z.number().int().nullable(),
    invitationId: z.number().int().nullable(),
    status: z.enum(outboxStatuses),
    attempts: z.number().int(),
    nextAttemptAt: Timestamp,
    lastError: z.string().nullable(),
    sentAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'OutboxMessage' });
export type OutboxMessage = z.infer<typeof OutboxMessage>;
export const OutboxList = pageOf(OutboxMessage).meta({ id: 'OutboxList' });

export const OutboxQuery = z.strictObject({
  ...Pagination,
  status: z.enum(outboxStatuses).optional(),
  meeting: Id.optional().describe('Meeting id'),
  kind: Text('code').optional(),
});
export type OutboxQuery = z.infer<typeof OutboxQuery>;

const COLUMNS = `id, message_id AS messageId, kind, to_address AS toAddress, to_name AS toName, subject,
  meeting_id AS meetingId, invitation_id AS invitationId, status, attempts, next_attempt_at AS nextAttemptAt,
  last_error AS lastError, sent_at AS sentAt, created_at AS createdAt`;
const FILTER = `(:status IS NULL OR status = :status) AND (:meeting IS NULL OR meeting_id = :meeting)
  AND (:kind IS NULL OR kind = :kind)`;

/** The outbox, newest first: what was sent, what waits, what failed and why. */
export function listOutbox(db: Db, query: OutboxQuery) {
  const params = { status: query.status ?? null, meeting: query.meeting ?? null, kind: query.kind ?? null };
  const items = prepared<OutboxMessage>(
    db,
    `SELECT ${COLUMNS} FROM outbox_message WHERE ${FILTER} ORDER BY id DESC LIMIT :limit OFFSET :offset`,
  ).all({ ...params, limit: query.limit, offset: query.offset });
  const total =
    prepared<{ total: number }>(db, `SELECT count(*) AS total FROM outbox_message WHERE ${FILTER}`).get(
      params,
    )?.total ?? 0;
  return { items, total, limit: query.limit, offset: query.offset };
}

export type OutboxStatus = (typeof outboxStatuses)[number];

/** How many messages are in each state, for the whole outbox or one meeting's emails. */
export function outboxCounts(db: Db, meetingId?: number): Record<OutboxStatus, number> {
  const counts: Record<OutboxStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0 };
  const rows = prepared<{ status: OutboxStatus; n: number }>(
    db,
    'SELECT status, count(*) AS n FROM outbox_message WHERE (:meeting IS NULL OR meeting_id = :meeting) GROUP BY status',
  ).all({ meeting: meetingId ?? null });
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

export function getOutboxMessage(db: Db, id: number): OutboxMessage {
  const row = prepared<OutboxMessage>(db, `SELECT ${COLUMNS} FROM outbox_message WHERE id = ?`).get(id);
  if (!row) throw notFound('Outbox message', id);
  return row;
}

/** The RFC 822 source: as captured, or (sent over SMTP) composed again from the stored message, same Message-ID. */
export async function outboxRaw(
  db: Db,
  id: number,
  from: { name: string; address: string },
): Promise<string> {
  const row = prepared<OutboxRow & { raw: string | null }>(
    db,
    `SELECT id, message_id AS messageId, kind, to_address AS toAddress, to_name AS toName, subject, content,
       attempts, created_at AS createdAt, raw FROM outbox_message WHERE id = ?`,
  ).get(id);
  if (!row) throw notFound('Outbox message', id);
  return row.raw ?? composeRaw(messageOf(row, from));
}

/** A failed message goes back in the queue with a fresh set of attempts. */
export function retryOutboxMessage(db: Db, actor: Actor, id: number): OutboxMessage {
  return db.transaction(() => {
    const before = getOutboxMessage(db, id);
    if (before.status !== 'failed')
      throw conflict(`Outbox message ${id} is ${before.status}; only failed messages can be sent again`);
    prepared(
      db,
      `UPDATE outbox_message SET status = 'queued', attempts = 0, next_attempt_at = ? WHERE id = ?`,
    ).run(nowIso(), id);
    recordAudit(db, actor, {
      action: 'send',
      entity: 'outbox_message',
      entityId: id,
      changes: { retry: true },
    });
    return getOutboxMessage(db, id);
  });
}
