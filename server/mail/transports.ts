import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import type { Config } from '../config.ts';
import { composeMessage, PartCache } from './compose.ts';

export type MailMessage = Mail.Options;

/** Where the sender hands messages: a real SMTP server, or the embedded capture. */
export interface MailTransport {
  readonly kind: 'smtp' | 'capture';
  /** How many messages it is worth having in flight at once. */
  readonly concurrency: number;
  /** Delivers one message; resolves with the RFC 822 source when the transport keeps it. */
  deliver(message: MailMessage, outboxId: number): Promise<{ raw?: string }>;
  close(): void;
}

/** The RFC 822 source of a message, as nodemailer would send it. */
export async function composeRaw(message: MailMessage, cache?: PartCache): Promise<string> {
  const composed = composeMessage(message, cache);
  if (composed) return composed.raw;
  const buffer = await new MailComposer(message).compile().build();
  return buffer.toString('utf8');
}

/** SMTP_URL → nodemailer's pooled SMTP transport (a few kept-open connections, many messages each). */
export function smtpTransport(url: string, options: { maxConnections?: number } = {}): MailTransport {
  const maxConnections = options.maxConnections ?? 5;
  const transporter = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections,
    maxMessages: Number.POSITIVE_INFINITY,
  });
  const cache = new PartCache();
  return {
    kind: 'smtp',
    concurrency: maxConnections * 4,
    async deliver(message) {
      // composed here in one piece (the same bytes), else by nodemailer as it sends
      const composed = composeMessage(message, cache);
      await transporter.sendMail(
        composed ? { envelope: composed.envelope, raw: composed.raw, messageId: message.messageId } : message,
      );
      return {};
    },
    close: () => transporter.close(),
  };
}

/** No SMTP_URL: each message is kept (outbox_message.raw) and written as <id>.eml into MAIL_DIR. */
export function captureTransport(mailDir: string): MailTransport {
  mkdirSync(mailDir, { recursive: true });
  const cache = new PartCache();
  return {
    kind: 'capture',
    concurrency: 8,
    async deliver(message, outboxId) {
      const raw = await composeRaw(message, cache);
      await writeFile(join(mailDir, `${outboxId}.eml`), raw);
      return { raw };
    },
    close: () => {},
  };
}

export function transportFor(config: Pick<Config, 'SMTP_URL' | 'MAIL_DIR'>): MailTransport {
  return config.SMTP_URL ? smtpTransport(config.SMTP_URL) : captureTransport(config.MAIL_DIR);
}
