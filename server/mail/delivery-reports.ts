import type { ParsedMail } from 'mailparser';
import type { Db } from '../../db/client.ts';
import { nowIso } from '../time.ts';
import { failuresOfMeeting, failuresTo, latestMessageTo, latestSentTo, markBounced } from './queries.ts';

/**
 * Bounces: a mail server that accepted a message and could not deliver it later sends a delivery
 * status notification (RFC 3464: multipart/report; report-type=delivery-status) to the envelope
 * sender — the platform address, which the inbound receiver serves. Each failed recipient is
 * matched to the outbox message it reports on, so the failure shows where the facilitator looks.
 */

export interface DeliveryReport {
  recipient: string;
  action: string | null;
  status: string | null;
  diagnostic: string | null;
  /** Message-ID of the message that bounced, from the returned headers. */
  originalMessageId: string | null;
}

function field(block: string, name: string): string | null {
  const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(block);
  return match ? match[1]!.replace(/\r?\n[ \t]+/g, ' ').trim() : null;
}

/** "rfc822; pia@politi.test" → "pia@politi.test" */
function addressOf(value: string | null): string | null {
  const address = value
    ?.replace(/^[^;]*;/, '')
    .replace(/[<>]/g, '')
    .trim()
    .toLowerCase();
  return address || null;
}

/** The failed recipients of a delivery status notification; null when the mail is no such report. */
export function readDeliveryReport(mail: ParsedMail): DeliveryReport[] | null {
  const type = mail.headers.get('content-type') as
    | { value?: string; params?: Record<string, string> }
    | undefined;
  const isReport =
    type?.value?.toLowerCase() === 'multipart/report' &&
    /^delivery-status$/i.test(type.params?.['report-type'] ?? '');
  const statusPart = mail.attachments.find((a) =>
    /^message\/(global-)?delivery-status$/i.test(a.contentType),
  );
  if (!isReport && !statusPart) return null;
  // mailparser reads the message/delivery-status part into the text, after the human-readable part
  const statusText = statusPart ? statusPart.content.toString('utf8') : (mail.text ?? '');
  const returned = mail.attachments.find((a) =>
    /^(text\/rfc822-headers|message\/rfc822|message\/global(-headers)?)$/i.test(a.contentType),
  );
  const originalMessageId =
    (returned ? /^Message-ID:[ \t]*(<[^>\s]+>)/im.exec(returned.content.toString('utf8'))?.[1] : null) ??
    mail.inReplyTo ??
    null;
  // the per-message fields come first, then one block per recipient
  const blocks = statusText.split(/\r?\n[ \t]*\r?\n/);
  const reports: DeliveryReport[] = [];
  for (const block of blocks) {
    const recipient =
      addressOf(field(block, 'Original-Recipient')) ?? addressOf(field(block, 'Final-Recipient'));
    if (!recipient) continue;
    const action = field(block, 'Action')?.toLowerCase() ?? null;
    const code = field(block, 'Status');
    if (action !== 'failed' && !code?.startsWith('5')) continue;
    reports.push({
      recipient,
      action,
      status: code,
      diagnostic: field(block, 'Diagnostic-Code')?.replace(/^[^;]*;\s*/, '') ?? null,
      originalMessageId,
    });
  }
  return reports;
}

/**
 * Marks the outbox message each report is about as bounced (by Message-ID and recipient, else the
 * latest message sent to that recipient). Returns the outbox ids marked.
 */
export function recordBounces(db: Db, reports: DeliveryReport[]): number[] {
  const at = nowIso();
  const marked: number[] = [];
  for (const r of reports) {
    const id =
      (r.originalMessageId ? latestMessageTo(db, r.originalMessageId, r.recipient) : undefined) ??
      latestSentTo(db, r.recipient);
    if (id === undefined) continue;
    const reason = [r.status, r.diagnostic].filter(Boolean).join(' ') || 'returned as undeliverable';
    markBounced(db, id, at, reason.slice(0, 1000));
    marked.push(id);
  }
  return marked;
}

export interface DeliveryFailure {
  id: number;
  kind: string;
  toAddress: string;
  toName: string | null;
  subject: string;
  /** refused: the server said no when sending (5xx, or out of attempts); bounced: a report came back later. */
  how: 'refused' | 'bounced';
  reason: string | null;
  at: string;
}

/** Mail of one meeting that did not arrive, newest first. */
export function meetingDeliveryFailures(db: Db, meetingId: number): DeliveryFailure[] {
  return failuresOfMeeting(db, meetingId);
}

/** Mail to one address that did not arrive, newest first. */
export function addressDeliveryFailures(db: Db, address: string): DeliveryFailure[] {
  return failuresTo(db, address.toLowerCase());
}
