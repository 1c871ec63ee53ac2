import { z } from 'zod';

const Config = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_PATH: z.string().default('./data/samraad.db'),
  /** How often a worker thread copies the WAL into the database file; 0 = each commit past 1,000 pages does it. */
  DATABASE_CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(100),
  PUBLIC_URL: z.url().default('http://127.0.0.1:3000'),
  /** Unset: mail is captured (database + .eml files in MAIL_DIR) instead of sent. */
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Samråd <samraad@localhost>'),
  MAIL_DIR: z.string().default('./data/mail'),
  /** Meetings' materials (slides, guidance); unset: a folder `materials` beside the database file. */
  MATERIALS_DIR: z.string().optional(),
  /** The largest material file accepted, in bytes (default 20 MB). */
  MATERIALS_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(20 * 1024 * 1024),
  /** off: the server queues mail but leaves delivery to `npm run cli -- outbox:send`. */
  MAIL_SENDER: z.enum(['on', 'off']).default('on'),
  /** How often the sender looks for due mail and reminders. */
  MAIL_SEND_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  /** Delivery attempts before a message is marked failed; retries back off 1 min · 2^n. */
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  MAIL_RETRY_BASE_MS: z.coerce.number().int().min(0).default(60_000),
  /** Reminders go this many days before a meeting to those who accepted or have not answered. */
  REMINDER_DAYS_BEFORE: z.coerce.number().int().min(0).max(60).default(7),
  /** Port of the built-in SMTP receiver for calendar replies; unset = off. */
  INBOUND_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Shared secret a mail provider sends as "X-Inbound-Secret" to POST /api/inbound/email; unset = editors only. */
  INBOUND_SECRET: z.string().min(16).optional(),
  /** Requests per minute and client address to the answer pages (/rsvp/…). */
  RSVP_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
  /** Member organisations with no acceptance this many days before a meeting are chased. */
  CHASE_DAYS_BEFORE: z.coerce.number().int().min(0).max(365).default(14),
  /** Follow-up: agreements whose review date is this many days away or past are due. */
  FOLLOW_UP_WINDOW_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  /** OpenID Connect sign-in (the organisation's identity provider); unset = passwords only. */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** off: the login page offers only OpenID Connect, and POST /login is refused. */
  PASSWORD_LOGIN: z.enum(['on', 'off']).default('on'),
  /** Retention (days; 0 = keep): answers' comments, counted from the end of their meeting. */
  RETENTION_ANSWER_COMMENTS_DAYS: z.coerce.number().int().min(0).max(36500).default(180),
  /** Dietary and accessibility needs told with an answer, counted from the end of their meeting. */
  RETENTION_ANSWER_NEEDS_DAYS: z.coerce.number().int().min(0).max(36500).default(30),
  /** Calendar replies received: sender, attendee and subject, counted from receipt. */
  RETENTION_INBOUND_MAIL_DAYS: z.coerce.number().int().min(0).max(36500).default(90),
  /** Outbox copies of sent and failed mail: body, raw source and .eml file, counted from sending. */
  RETENTION_OUTBOX_BODIES_DAYS: z.coerce.number().int().min(0).max(36500).default(90),
  /** Browser sessions (12 hours long), kept as sign-in history, counted from sign-in. */
  RETENTION_SESSIONS_DAYS: z.coerce.number().int().min(0).max(36500).default(30),
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
  const config = parsed.data;
  if (config.OIDC_ISSUER && !(config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET))
    throw new Error('Invalid configuration:\n  OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET');
  if (config.PASSWORD_LOGIN === 'off' && !config.OIDC_ISSUER)
    throw new Error('Invalid configuration:\n  PASSWORD_LOGIN=off needs OIDC_ISSUER: nobody could sign in');
  return config;
}
