import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Config } from '../config.ts';
import { forgetDeleted } from './forget.ts';
import * as q from './queries.ts';

export type RetentionSettings = Pick<
  Config,
  | 'RETENTION_ANSWER_COMMENTS_DAYS'
  | 'RETENTION_ANSWER_NEEDS_DAYS'
  | 'RETENTION_INBOUND_MAIL_DAYS'
  | 'RETENTION_OUTBOX_BODIES_DAYS'
  | 'RETENTION_SESSIONS_DAYS'
  | 'MAIL_DIR'
>;

export interface RetentionReport {
  answerComments: number;
  auditedComments: number;
  /** Invitations whose dietary or accessibility needs went. */
  answerNeeds: number;
  inboundReplies: number;
  outboxBodies: number;
  sessions: number;
}

const DAY = 24 * 60 * 60 * 1000;

/** The instant before which data of that kind goes, or null when it is kept (0 days). */
function cutoff(now: Date, days: number): string | null {
  return days > 0 ? new Date(now.getTime() - days * DAY).toISOString() : null;
}

/**
 * Ages personal data out, kind by kind (README "Configuration"): answers' comments and the needs
 * told with them some time after their meeting, the sender and subject of calendar replies, the bodies of mail sent, and
 * old sessions. The rows stay (answers, delivery history), so no figure changes. One
 * transaction; audited with counts when anything went; the freed bytes are then wiped.
 */
export function applyRetention(db: Db, settings: RetentionSettings, now = new Date()): RetentionReport {
  const comments = cutoff(now, settings.RETENTION_ANSWER_COMMENTS_DAYS);
  const needs = cutoff(now, settings.RETENTION_ANSWER_NEEDS_DAYS);
  const inbound = cutoff(now, settings.RETENTION_INBOUND_MAIL_DAYS);
  const bodies = cutoff(now, settings.RETENTION_OUTBOX_BODIES_DAYS);
  const sessions = cutoff(now, settings.RETENTION_SESSIONS_DAYS);
  const { report, outboxIds } = db.transaction(() => {
    const outboxIds = bodies ? q.outboxBodiesBefore(db, bodies) : [];
    for (const id of outboxIds) q.clearOutboxBody(db, id);
    if (outboxIds.length > 0) q.deleteUnusedOutboxParts(db);
    const report: RetentionReport = {
      answerComments: comments ? q.clearAnswerComments(db, comments) : 0,
      auditedComments: comments ? q.clearAuditedComments(db, comments) : 0,
      answerNeeds: needs ? q.clearAnswerNeeds(db, needs) : 0,
      inboundReplies: inbound ? q.clearInboundReplies(db, inbound) : 0,
      outboxBodies: outboxIds.length,
      sessions: sessions ? q.deleteSessionsBefore(db, sessions) : 0,
    };
    if (Object.values(report).some((n) => n > 0))
      recordAudit(db, null, { action: 'retention', entity: 'retention', changes: report });
    return { report, outboxIds };
  });
  for (const id of outboxIds) rmSync(join(settings.MAIL_DIR, `${id}.eml`), { force: true });
  if (Object.values(report).some((n) => n > 0)) forgetDeleted(db);
  return report;
}
