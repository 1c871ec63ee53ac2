import type { Db } from '../../db/client.ts';
import { prepared } from '../../db/statements.ts';
import { followUpReminderMail } from '../../emails/follow-up-reminder.ts';
import type { Config } from '../config.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { textsLanguageSql } from '../programmes/queries.ts';
import type { Language } from '../text/language.ts';
import { addDays, addYears, copenhagenDate } from './references.ts';
import type { FollowUpItem } from './schemas.ts';

export interface FollowUpOptions {
  windowDays: number;
  district?: string;
}

const AGREEMENTS_DUE = `
  SELECT a.id, d.code AS districtCode, a.title, a.review_on AS dueOn, a.status FROM agreement a
  JOIN organisation d ON d.id = a.district_id
  WHERE a.review_on IS NOT NULL AND a.review_on <= :horizon AND a.status IN ('agreed', 'in_force', 'under_revision')
    AND (:district IS NULL OR d.code = :district)
  ORDER BY a.review_on, a.id`;
const BARRIERS_OLD = `
  SELECT b.id, d.code AS districtCode, b.description AS title, b.raised_on AS raisedOn, b.status, b.district_id AS districtId
  FROM barrier b JOIN organisation d ON d.id = b.district_id
  WHERE b.status <> 'resolved' AND b.raised_on <= :yearAgo AND (:district IS NULL OR d.code = :district)
  ORDER BY b.raised_on, b.id`;
const AGREEMENT_CONTACTS = `
  SELECT p.id, p.name, p.email, ${textsLanguageSql('p.language')} AS language FROM agreement_contact c JOIN person p ON p.id = c.person_id
  WHERE c.agreement_id = ? ORDER BY p.name`;
const BARRIER_CONTACTS = `
  SELECT p.id, p.name, p.email, ${textsLanguageSql('p.language')} AS language FROM barrier_contact c JOIN person p ON p.id = c.person_id
  WHERE c.barrier_id = ? ORDER BY p.name`;
/** A barrier nobody was named for goes to the district's fixed contact persons. */
const DISTRICT_FIXED_CONTACTS = `
  SELECT p.id, p.name, p.email, ${textsLanguageSql('p.language')} AS language FROM person p
  WHERE p.is_fixed_contact = 1 AND p.organisation_id = ? ORDER BY p.name`;

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
  const agreements = prepared<Omit<FollowUpItem, 'kind' | 'overdue' | 'contacts'>>(db, AGREEMENTS_DUE).all({
    horizon: addDays(today, options.windowDays),
    district,
  });
  for (const a of agreements)
    items.push({
      kind: 'agreement_review',
      ...a,
      overdue: a.dueOn < today,
      contacts: prepared<Contact>(db, AGREEMENT_CONTACTS).all(a.id),
    });
  const barriers = prepared<{
    id: number;
    districtCode: string;
    title: string;
    raisedOn: string;
    status: string;
    districtId: number;
  }>(db, BARRIERS_OLD).all({ yearAgo: addYears(today, -1), district });
  for (const { raisedOn, districtId, ...b } of barriers) {
    let contacts = prepared<Contact>(db, BARRIER_CONTACTS).all(b.id);
    if (!contacts.length) contacts = prepared<Contact>(db, DISTRICT_FIXED_CONTACTS).all(districtId);
    const dueOn = addYears(raisedOn, 1);
    items.push({ kind: 'barrier_open', ...b, dueOn, overdue: dueOn < today, contacts });
  }
  items.sort((x, y) => x.dueOn.localeCompare(y.dueOn) || x.id - y.id);
  return { asOf: today, windowDays: options.windowDays, items };
}

const CLAIM = `
  INSERT INTO follow_up_reminder (kind, entity_id, due_on, person_id, queued_at) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT DO NOTHING`;

/**
 * Queues a reminder to every responsible person of every due item, once per item, due date and
 * person: a second run (or a moved review date that is reached again) does not repeat a reminder.
 */
export function queueFollowUpReminders(
  db: Db,
  config: Pick<Config, 'FOLLOW_UP_WINDOW_DAYS'> & Partial<Pick<Config, 'PUBLIC_URL'>>,
  now: Date = new Date(),
  options: { district?: string } = {},
): { queued: number; alreadySent: number } {
  return db.transaction(() => {
    const { items } = listFollowUps(db, { windowDays: config.FOLLOW_UP_WINDOW_DAYS, ...options }, now);
    const result = { queued: 0, alreadySent: 0 };
    const queuedAt = now.toISOString();
    const domain = config.PUBLIC_URL ? new URL(config.PUBLIC_URL).hostname : undefined;
    for (const item of items)
      for (const contact of item.contacts) {
        const claimed = prepared(db, CLAIM).run(item.kind, item.id, item.dueOn, contact.id, queuedAt);
        if (claimed.changes === 0) {
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
        prepared(db, 'UPDATE follow_up_reminder SET outbox_message_id = ? WHERE rowid = ?').run(
          mail.id,
          claimed.lastInsertRowid,
        );
        result.queued++;
      }
    return result;
  });
}
