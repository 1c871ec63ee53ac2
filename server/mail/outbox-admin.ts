import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { outboxStatuses } from '../../db/schema/index.ts';
import type { Actor } from '../accounts/accounts.ts';
import { recordAudit } from '../audit/audit.ts';
import { Id, Pagination, pageOf, Timestamp } from '../http/common-schemas.ts';
import { conflict, notFound } from '../http/problems.ts';
import { Text } from '../http/text.ts';
import { nowIso } from '../time.ts';
import { mailWaiting } from './outbox.ts';
import {
  outboxMessageById,
  outboxPage,
  outboxSource,
  requeueWithFreshAttempts,
  statusCounts,
} from './queries.ts';
import { messageOf } from './sender.ts';
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

/** The outbox, newest first: what was sent, what waits, what failed and why. */
/** `programmes`: the caller's scope (scopeParam), null for all. */
export function listOutbox(db: Db, query: OutboxQuery, programmes: string | null) {
  const params = {
    status: query.status ?? null,
    meeting: query.meeting ?? null,
    kind: query.kind ?? null,
    programmes,
  };
  const { items, total } = outboxPage(db, params, query);
  return { items, total, limit: query.limit, offset: query.offset };
}

export type OutboxStatus = (typeof outboxStatuses)[number];

/** How many messages are in each state, for the whole outbox or one meeting's emails. */
export function outboxCounts(db: Db, meetingId?: number): Record<OutboxStatus, number> {
  const counts: Record<OutboxStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0 };
  const rows = statusCounts(db, meetingId ?? null);
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

export function getOutboxMessage(db: Db, id: number): OutboxMessage {
  const row = outboxMessageById(db, id);
  if (!row) throw notFound('Outbox message', id);
  return row;
}

/** The RFC 822 source: as captured, or (sent over SMTP) composed again from the stored message, same Message-ID. */
export async function outboxRaw(
  db: Db,
  id: number,
  from: { name: string; address: string },
): Promise<string> {
  const row = outboxSource(db, id);
  if (!row) throw notFound('Outbox message', id);
  return row.raw ?? composeRaw(messageOf(row, from));
}

/** A failed message goes back in the queue with a fresh set of attempts. */
export function retryOutboxMessage(db: Db, actor: Actor, id: number): OutboxMessage {
  return db.transaction(() => {
    const before = getOutboxMessage(db, id);
    if (before.status !== 'failed')
      throw conflict(`Outbox message ${id} is ${before.status}; only failed messages can be sent again`);
    requeueWithFreshAttempts(db, id, nowIso());
    mailWaiting(db);
    recordAudit(db, actor, {
      action: 'send',
      entity: 'outbox_message',
      entityId: id,
      changes: { retry: true },
    });
    return getOutboxMessage(db, id);
  });
}
