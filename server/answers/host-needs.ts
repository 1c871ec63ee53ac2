import type { Db } from '../../db/client.ts';
import { renderHostNeeds } from '../../emails/host-needs.ts';
import type { Actor } from '../accounts/accounts.ts';
import { recordAudit } from '../audit/audit.ts';
import { conflict } from '../http/problems.ts';
import { type MailConfig, messageDomain } from '../invitations/queue-mail.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { meetingRecord } from '../planning/meetings.ts';
import { meetingTime } from '../text/dates.ts';
import { venueRecord } from '../venues/queries.ts';
import { meetingNeeds } from './queries.ts';

/**
 * Mails the meeting's venue's host contact the needs the coming participants told (diet, access),
 * so the host can order food and ready the room. Needs go with their names: the host serves them.
 * A meeting without a venue whose host contact is known is a 409, and nothing is queued.
 */
export function sendNeedsToHost(
  db: Db,
  config: MailConfig,
  actor: Actor,
  meetingId: number,
): { to: string; people: number } {
  return db.transaction(() => {
    const m = meetingRecord(db, meetingId);
    const venue = m.venueId === null ? undefined : venueRecord(db, m.venueId);
    if (!venue?.hostContactEmail || !venue.hostContactName)
      throw conflict(`Meeting ${meetingId} has no venue with a host contact to send the needs to`);
    const needs = meetingNeeds(db, meetingId);
    const mail = renderHostNeeds({
      lang: 'da',
      recipientName: venue.hostContactName,
      title: m.title,
      when: meetingTime(m.startsAt, m.endsAt, m.timeZone, 'da'),
      needs,
    });
    enqueueMail(
      db,
      {
        kind: 'host-needs',
        to: { address: venue.hostContactEmail, name: venue.hostContactName },
        ...mail,
        meetingId,
      },
      messageDomain(config),
    );
    recordAudit(db, actor, {
      action: 'update',
      entity: 'meeting',
      entityId: meetingId,
      changes: { needsSentToHost: venue.hostContactEmail, people: needs.length },
    });
    return { to: venue.hostContactEmail, people: needs.length };
  });
}
