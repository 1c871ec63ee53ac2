import type { Db } from '../../db/client.ts';
import { dateReminderMail } from '../../emails/date-proposal.ts';
import { type MailConfig, messageDomain } from '../invitations/queue-mail.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { meetingRecord } from '../planning/meetings.ts';
import { PlanningSettings } from '../planning/settings.ts';
import { newDateLink } from './links.ts';
import { dateLinkUrl, proposedDateOf } from './proposals.ts';
import { proposalById, setContactChased, unchasedContacts } from './queries.ts';

const DAY = 24 * 60 * 60 * 1000;

/** Days without an answer before a contact is reminded: the cycle's setting, else the default. */
function chaseDaysOf(cycleSettings: string | null): number {
  const parsed = cycleSettings ? PlanningSettings.safeParse(JSON.parse(cycleSettings)) : null;
  return parsed?.success ? parsed.data.dateChaseDays : PlanningSettings.parse({}).dateChaseDays;
}

/**
 * Reminds each contact who has not answered an open date proposal within the cycle's
 * `dateChaseDays`, once per proposal, with a fresh link beside the first (which keeps working).
 * Safe to run as often as wanted.
 */
export function chaseDateProposals(db: Db, config: MailConfig, now = new Date()): { queued: number } {
  let queued = 0;
  db.transaction(() => {
    for (const c of unchasedContacts(db, now.toISOString())) {
      if (now.getTime() - Date.parse(c.createdAt) < chaseDaysOf(c.cycleSettings) * DAY) continue;
      const m = meetingRecord(db, c.meetingId);
      const proposal = proposalById(db, c.proposalId)!;
      const link = newDateLink();
      setContactChased(db, c.id, now.toISOString(), link);
      const mail = dateReminderMail(
        { name: c.name, language: c.language, organisationName: c.organisationName },
        proposedDateOf(db, config, m, proposal),
        dateLinkUrl(config, link.token),
        proposal.createdAt,
      );
      enqueueMail(
        db,
        {
          kind: 'date-reminder',
          to: { address: c.email, name: c.name },
          ...mail,
          meetingId: m.id,
          invitationId: null,
        },
        messageDomain(config),
      );
      queued++;
    }
  });
  return { queued };
}
