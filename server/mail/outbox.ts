import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { outboxMessage } from '../../db/schema/index.ts';
import { nowIso } from '../time.ts';

export interface OutgoingMail {
  kind: string;
  to: { address: string; name?: string | null };
  subject: string;
  text: string;
  html?: string;
  /** Extra nodemailer fields (icalEvent, attachments, headers …). */
  extra?: Record<string, unknown>;
  meetingId?: number | null;
  invitationId?: number | null;
}

/**
 * Queues one email. Call it inside the transaction of the change that causes the mail, so both
 * are saved or neither; the sender delivers the queue afterwards.
 */
export function enqueueMail(
  db: Db,
  mail: OutgoingMail,
  domain = 'samraad.local',
): { id: number; messageId: string } {
  const now = nowIso();
  const messageId = `<${randomUUID()}@${domain}>`;
  const row = db
    .insert(outboxMessage)
    .values({
      messageId,
      kind: mail.kind,
      toAddress: mail.to.address,
      toName: mail.to.name ?? null,
      subject: mail.subject,
      content: { text: mail.text, html: mail.html, ...mail.extra },
      meetingId: mail.meetingId ?? null,
      invitationId: mail.invitationId ?? null,
      nextAttemptAt: now,
      createdAt: now,
    })
    .returning({ id: outboxMessage.id })
    .get();
  return { id: row.id, messageId };
}
