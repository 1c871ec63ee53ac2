import type { Db } from '../../db/client.ts';
import type { OrganisationKind } from '../../db/schema/index.ts';
import { prepared } from '../../db/statements.ts';
import { organisationChaserMail } from '../../emails/answers.ts';

import type { MeetingGaps } from '../answers/schemas.ts';
import type { Config } from '../config.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { meetingRecord } from '../planning/meetings.ts';
import { textsLanguageSql } from '../programmes/queries.ts';
import type { Language } from '../text/language.ts';

const DAY = 24 * 60 * 60 * 1000;

interface GapRow {
  id: number;
  name: string;
  kind: OrganisationKind;
  invited: number;
  contactName: string | null;
  contactEmail: string | null;
  contactLanguage: Language | null;
  chasedAt: string | null;
}

/**
 * Organisations of the meeting's area from which nobody has said yes (a place on the waiting list
 * counts as a yes: they did sign up), with the fixed contact person who would be chased.
 */
function gapRows(db: Db, meetingId: number, areaId: number): GapRow[] {
  return prepared<GapRow>(
    db,
    `SELECT o.id, o.name, o.kind,
            (SELECT count(*) FROM invitation i JOIN person p ON p.id = i.person_id
             WHERE i.meeting_id = :meeting AND p.organisation_id = o.id AND i.withdrawn_at IS NULL) AS invited,
            c.name AS contactName, c.email AS contactEmail, ${textsLanguageSql('c.language')} AS contactLanguage, ch.sent_at AS chasedAt
     FROM area_member m JOIN organisation o ON o.id = m.organisation_id
     LEFT JOIN person c ON c.id = (SELECT id FROM person WHERE organisation_id = o.id AND is_fixed_contact = 1
                                   ORDER BY id LIMIT 1)
     LEFT JOIN organisation_chaser ch ON ch.meeting_id = :meeting AND ch.organisation_id = o.id
     WHERE m.area_id = :area
       AND NOT EXISTS (SELECT 1 FROM invitation i JOIN person p ON p.id = i.person_id
                       WHERE i.meeting_id = :meeting AND p.organisation_id = o.id AND i.withdrawn_at IS NULL
                         AND i.response = 'accepted')
     ORDER BY CASE m.member_role WHEN 'convener' THEN 0 WHEN 'member' THEN 1 ELSE 2 END, o.name`,
  ).all({ meeting: meetingId, area: areaId });
}

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
  const meetings = prepared<{ id: number }>(
    db,
    `SELECT m.id FROM meeting m
     WHERE m.status NOT IN ('draft', 'cancelled', 'held') AND m.starts_at > ? AND m.starts_at <= ?
       AND EXISTS (SELECT 1 FROM invitation i WHERE i.meeting_id = m.id)
     ORDER BY m.starts_at`,
  ).all(now.toISOString(), horizon);
  const report: ChaseReport = { meetings: meetings.length, queued: 0, withoutContact: [] };
  for (const { id } of meetings) {
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
        prepared(
          db,
          'INSERT INTO organisation_chaser (meeting_id, organisation_id, sent_at, outbox_message_id) VALUES (?, ?, ?, ?)',
        ).run(id, gap.id, now.toISOString(), mail.id);
        report.queued++;
      }
    });
  }
  return report;
}
