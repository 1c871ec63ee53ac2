import type { Db } from '../../db/client.ts';
import { organisationChaserMail } from '../../emails/answers.ts';

import type { MeetingGaps } from '../answers/schemas.ts';
import type { Config } from '../config.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { meetingRecord } from '../planning/meetings.ts';
import { gapRows, insertChaser, invitedMeetingsStarting } from './queries.ts';

const DAY = 24 * 60 * 60 * 1000;

export function meetingGaps(db: Db, meetingId: number, daysBefore: number, now = new Date()): MeetingGaps {
  const meeting = meetingRecord(db, meetingId);
  const chaseFrom = new Date(Date.parse(meeting.startsAt) - daysBefore * DAY);
  return {
    meetingId,
    daysBefore,
    chaseFrom: chaseFrom.toISOString(),
    due: now >= chaseFrom && now.getTime() < Date.parse(meeting.startsAt),
    organisations: gapRows(db, meetingId, meeting.areaId).map((g) => ({
      id: g.id,
      name: g.name,
      kind: g.kind,
      invited: g.invited,
      fixedContact: g.contactEmail ? { name: g.contactName!, email: g.contactEmail } : null,
      chasedAt: g.chasedAt,
    })),
  };
}

export interface ChaseReport {
  meetings: number;
  queued: number;
  /** Gaps with nobody to write to: shown at /gaps, tried again next run. */
  withoutContact: { meetingId: number; organisationId: number; name: string }[];
}

/**
 * For every invited meeting starting within CHASE_DAYS_BEFORE days, writes once to the fixed contact
 * person of each member organisation from which nobody has signed up. Safe to run as often as
 * wanted: an organisation chased for a meeting is never chased again for it.
 */
export function queueOrganisationChasers(
  db: Db,
  config: Pick<Config, 'CHASE_DAYS_BEFORE'>,
  now = new Date(),
): ChaseReport {
  const horizon = new Date(now.getTime() + config.CHASE_DAYS_BEFORE * DAY).toISOString();
  const meetings = invitedMeetingsStarting(db, now.toISOString(), horizon);
  const report: ChaseReport = { meetings: meetings.length, queued: 0, withoutContact: [] };
  for (const id of meetings) {
    db.transaction(() => {
      const meeting = meetingRecord(db, id);
      for (const gap of gapRows(db, id, meeting.areaId)) {
        if (gap.chasedAt) continue;
        if (!gap.contactEmail) {
          report.withoutContact.push({ meetingId: id, organisationId: gap.id, name: gap.name });
          continue;
        }
        const to = { name: gap.contactName!, language: gap.contactLanguage ?? 'da' };
        const mail = enqueueMail(db, {
          kind: 'organisation-chaser',
          to: { address: gap.contactEmail, name: to.name },
          ...organisationChaserMail(to, gap.name, meeting),
          meetingId: meeting.id,
          invitationId: null,
        });
        insertChaser(db, {
          meetingId: id,
          organisationId: gap.id,
          sentAt: now.toISOString(),
          outboxMessageId: mail.id,
        });
        report.queued++;
      }
    });
  }
  return report;
}
