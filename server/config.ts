import { z } from 'zod';

const Config = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_PATH: z.string().default('./data/samraad.db'),
  PUBLIC_URL: z.url().default('http://127.0.0.1:3000'),
  /** Unset: mail is captured (database + .eml files in MAIL_DIR) instead of sent. */
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Samråd <samraad@localhost>'),
  MAIL_DIR: z.string().default('./data/mail'),
  /** Port of the built-in SMTP receiver for calendar replies; unset = off. */
  INBOUND_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Shared secret a mail provider sends as "X-Inbound-Secret" to POST /api/inbound/email; unset = editors only. */
  INBOUND_SECRET: z.string().min(16).optional(),
  /** Requests per minute and client address to the answer pages (/rsvp/…). */
  RSVP_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
  /** Member organisations with no acceptance this many days before a meeting are chased. */
  CHASE_DAYS_BEFORE: z.coerce.number().int().min(0).max(365).default(14),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Load the Danish reference data at start (idempotent). */
  SEED_ON_START: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export type Config = z.infer<typeof Config>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Config.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
