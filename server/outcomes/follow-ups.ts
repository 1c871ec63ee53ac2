import type { Db } from '../../db/client.ts';
import { followUpReminderMail } from '../../emails/follow-up-reminder.ts';
import { recordInProgrammes } from '../accounts/access.ts';
import type { Config } from '../config.ts';
import { enqueueMail } from '../mail/outbox.ts';
import type { Language } from '../text/language.ts';
import {
  agreementFollowUpContacts,
  agreementsDueForReview,
  barrierFollowUpContacts,
  barriersRaisedBy,
  claimFollowUpReminder,
  fixedContactsOf,
  setFollowUpReminderMail,
} from './queries/agreements.ts';
import { addDays, addYears, copenhagenDate } from './references.ts';
import type { FollowUpItem } from './schemas.ts';

export interface FollowUpOptions {
  windowDays: number;
  district?: string;
  /** Only these programmes' agreements and barriers (the caller's scope); null or left out: all. */
  programmes?: number[] | null;
}

type Contact = FollowUpItem['contacts'][number] & { language: Language };

/** Agreements past or near their review date, and barriers open for more than a year. */
export function listFollowUps(
  db: Db,
  options: FollowUpOptions,
  now: Date = new Date(),
): { asOf: string; windowDays: number; items: (FollowUpItem & { contacts: Contact[] })[] } {
  const today = copenhagenDate(now);
  const district = options.district ?? null;
  const items: (FollowUpItem & { contacts: Contact[] })[] = [];
  const agreements = agreementsDueForReview(db, addDays(today, options.windowDays), district);
  for (const a of agreements)
    items.push({
      kind: 'agreement_review',
      ...a,
      overdue: a.dueOn < today,
      contacts: agreementFollowUpContacts(db, a.id),
    });
  const barriers = barriersRaisedBy(db, addYears(today, -1), district);
  for (const { raisedOn, convenerId, ...b } of barriers) {
    let contacts: Contact[] = barrierFollowUpContacts(db, b.id);
    // a barrier nobody was named for goes to the fixed contact persons of its area's convener
    if (!contacts.length) contacts = fixedContactsOf(db, convenerId);
    const dueOn = addYears(raisedOn, 1);
    items.push({ kind: 'barrier_open', ...b, dueOn, overdue: dueOn < today, contacts });
  }
  items.sort((x, y) => x.dueOn.localeCompare(y.dueOn) || x.id - y.id);
  const scope = options.programmes ?? null;
  const inScope = items.filter((i) =>
    recordInProgrammes(db, scope, i.kind === 'agreement_review' ? 'agreement' : 'barrier', i.id),
  );
  return { asOf: today, windowDays: options.windowDays, items: inScope };
}

/**
 * Queues a reminder to every responsible person of every due item, once per item, due date and
 * person: a second run (or a moved review date that is reached again) does not repeat a reminder.
 */
export function queueFollowUpReminders(
  db: Db,
  config: Pick<Config, 'FOLLOW_UP_WINDOW_DAYS'> & Partial<Pick<Config, 'PUBLIC_URL'>>,
  now: Date = new Date(),
  options: { district?: string; programmes?: number[] | null } = {},
): { queued: number; alreadySent: number } {
  return db.transaction(() => {
    const { items } = listFollowUps(db, { windowDays: config.FOLLOW_UP_WINDOW_DAYS, ...options }, now);
    const result = { queued: 0, alreadySent: 0 };
    const queuedAt = now.toISOString();
    const domain = config.PUBLIC_URL ? new URL(config.PUBLIC_URL).hostname : undefined;
    for (const item of items)
      for (const contact of item.contacts) {
        const claimed = claimFollowUpReminder(db, {
          kind: item.kind,
          entityId: item.id,
          dueOn: item.dueOn,
          personId: contact.id,
          queuedAt,
        });
        if (claimed === null) {
          result.alreadySent++;
          continue;
        }
        const mail = enqueueMail(
          db,
          {
            kind: 'follow-up',
            to: { address: contact.email, name: contact.name },
            ...followUpReminderMail(item, contact),
          },
          domain,
        );
        setFollowUpReminderMail(db, claimed, mail.id);
        result.queued++;
      }
    return result;
  });
}
