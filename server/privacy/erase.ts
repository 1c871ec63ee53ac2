import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../accounts/accounts.ts';
import { recordAudit } from '../audit/audit.ts';
import { foldLine } from '../calendar/ical-text.ts';
import { NotFound } from '../http/problems.ts';
import { escapeRegExp } from '../text/reg-exp.ts';
import { nowIso } from '../time.ts';
import { forgetDeleted } from './forget.ts';
import * as q from './queries.ts';

/** What an erased person is called from then on. */
export const ERASED_NAME = 'Slettet person';

/** person.email is required and unique: an address that names nobody and can never be delivered. */
export const erasedEmail = (personId: number) => `slettet-${personId}@slettet.invalid`;
const erasedAccountEmail = (accountId: number) => `slettet-konto-${accountId}@slettet.invalid`;

/**
 * What erasure does with each column that can hold a person's name, address or words, by table.
 * Columns that only point at the person or an invitation by id are kept (the row they point at is
 * anonymised, and the meetings' figures count them). test/privacy/export.test.ts holds the
 * schema to this list.
 */
export const ERASURE: Record<string, Record<string, string>> = {
  person: {
    name: `set to "${ERASED_NAME}"`,
    email: 'replaced by slettet-<id>@slettet.invalid',
    phone: 'removed',
    title: 'removed',
  },
  invitation: {
    comment: 'removed (the answer itself stays)',
    dietary_needs: 'removed',
    accessibility_needs: 'removed',
  },
  outbox_message: {
    to_address: 'replaced on messages to the person',
    to_name: 'removed on messages to the person',
    content: 'emptied on messages to the person; name and address replaced in others',
    raw: 'removed wherever the person was named',
  },
  inbound_reply: { from_address: 'removed', attendee: 'removed', subject: 'removed' },
  account: { email: 'replaced (the account is closed)', name: 'removed' },
  oidc_identity: { email: 'deleted with the row', name: 'deleted with the row' },
  audit_entry: {
    changes: 'name, address, phone, title and comments replaced',
    actor: 'replaced where the person acted through an account',
  },
  barrier_status_change: { actor: 'replaced where the person acted through an account' },
  agreement_revision: { saved_by: 'replaced where the person acted through an account' },
  district_mapping: { updated_by: 'replaced where the person acted through an account' },
  meeting_lessons: { updated_by: 'replaced where the person acted through an account' },
  meeting_material: { uploaded_by: 'replaced where the person acted through an account' },
  referat_version: {
    approved_by: 'replaced where the person acted through an account',
    sent_by: 'replaced where the person acted through an account',
  },
  meeting: { host_confirmed_by: 'replaced where the person acted through an account' },
  date_proposal: { actor_email: 'replaced where the person acted through an account' },
};

export interface ErasureReport {
  personId: number;
  invitations: number;
  answerLinks: number;
  outboxMessages: number;
  inboundReplies: number;
  auditEntries: number;
  accounts: number;
  sessions: number;
}

interface Identity {
  name: string;
  email: string;
  phone: string | null;
  placeholder: string;
  /** The address (any case) and the name (as a whole word, any case), as searched for in texts. */
  emailPattern: RegExp;
  namePattern: RegExp;
}

/** Replaces the person's address, phone and name (as a whole word, any case) in a text. */
function redactText(text: string, who: Identity): string {
  if (text.includes('BEGIN:VCALENDAR')) return redactCalendar(text, who);
  return redactLine(text, who);
}

function redactLine(text: string, who: Identity): string {
  let out = text.replace(who.emailPattern, who.placeholder);
  if (who.phone?.trim()) out = out.split(who.phone).join('');
  return out.replace(who.namePattern, ERASED_NAME);
}

/**
 * iCalendar text, redacted line by line as a calendar client reads it: a content line folded at
 * 75 octets can split a name or an address, so each is unfolded first, and folded again only if
 * it changed (the other lines stay byte for byte).
 */
function redactCalendar(text: string, who: Identity): string {
  return text
    .split(/\r\n(?![ \t])/)
    .map((folded) => {
      const line = folded.replace(/\r\n[ \t]/g, '');
      const redacted = redactLine(line, who);
      return redacted === line ? folded : foldLine(redacted).slice(0, -2);
    })
    .join('\r\n');
}

const ERASED_FIELDS: Record<string, (who: Identity) => unknown> = {
  name: () => ERASED_NAME,
  email: (who) => who.placeholder,
  phone: () => null,
  title: () => null,
  comment: () => null,
};

/** Walks a JSON value: whole fields that describe the person go, other texts are redacted. */
function redactJson(value: unknown, who: Identity, fields: readonly string[]): unknown {
  if (typeof value === 'string') return redactText(value, who);
  if (Array.isArray(value)) return value.map((v) => redactJson(v, who, fields));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => {
        const erase = fields.includes(key) ? ERASED_FIELDS[key] : undefined;
        // an update records [before, after]: both go
        if (erase) return [key, Array.isArray(v) ? v.map(() => erase(who)) : erase(who)];
        return [key, redactJson(v, who, fields)];
      }),
    );
  return value;
}

function redactJsonText(json: string, who: Identity, fields: readonly string[]): string {
  try {
    return JSON.stringify(redactJson(JSON.parse(json), who, fields));
  } catch {
    return redactText(json, who);
  }
}

function eraseOutbox(db: Db, personId: number, who: Identity, now: string): number[] {
  const touched: number[] = [];
  // parts shared by many messages (a calendar listing every attendee): each rewritten once
  const partsNaming = new Map<number, boolean>();
  const partNames = (m: q.OutboxText): boolean => {
    if (m.partId === null || m.part === null) return false;
    let named = partsNaming.get(m.partId);
    if (named === undefined) {
      const members = redactJsonText(`{${m.part}}`, who, []).slice(1, -1);
      named = members !== m.part;
      if (named) q.rewriteOutboxPart(db, m.partId, members);
      partsNaming.set(m.partId, named);
    }
    return named;
  };
  for (const m of q.outboxMentioning(db, personId, who.email, who.name)) {
    if (m.personal) q.anonymiseOutboxMessage(db, m.id, who.placeholder, now);
    else {
      const texts = {
        subject: redactText(m.subject, who),
        content: redactJsonText(m.content, who, []),
        lastError: m.lastError === null ? null : redactText(m.lastError, who),
      };
      const named =
        partNames(m) ||
        texts.subject !== m.subject ||
        texts.content !== m.content ||
        texts.lastError !== m.lastError ||
        (m.raw !== null && redactText(m.raw, who) !== m.raw);
      // a name that is only part of another word ("Bo" in "Bornholm") leaves the message alone
      if (!named) continue;
      q.rewriteOutboxText(db, m.id, texts);
    }
    touched.push(m.id);
  }
  q.deleteUnusedOutboxParts(db);
  return touched;
}

function eraseAudit(db: Db, personId: number, who: Identity, invitationIds: number[]): number {
  const mine = new Set(invitationIds.map(String));
  let rewritten = 0;
  for (const e of q.auditMentioning(db, personId, who.email, who.name)) {
    const aboutPerson = e.entity === 'person' && e.entityId === String(personId);
    const aboutInvitation = e.entity === 'invitation' && e.entityId !== null && mine.has(e.entityId);
    const fields = aboutPerson ? ['name', 'email', 'phone', 'title'] : aboutInvitation ? ['comment'] : [];
    // staff act as their address, invitees as "svarlink:<address>" or "kalendersvar:<address>"
    const actor = redactText(e.actor, who);
    const changes = e.changes === null ? null : redactJsonText(e.changes, who, fields);
    if (actor === e.actor && changes === e.changes) continue;
    q.rewriteAudit(db, e.id, actor, changes);
    rewritten++;
  }
  return rewritten;
}

function closeLinkedAccount(db: Db, who: Identity, now: string): { accounts: number; sessions: number } {
  const accountId = q.accountIdByEmail(db, who.email);
  q.deleteSignInIdentities(db, who.email);
  if (accountId === undefined) return { accounts: 0, sessions: 0 };
  const placeholder = erasedAccountEmail(accountId);
  const sessions = q.closeAccount(db, accountId, placeholder, now);
  q.replaceActor(db, who.email, placeholder);
  return { accounts: 1, sessions };
}

/**
 * Erases a person (GDPR art. 17) in one transaction: the register row is anonymised and their
 * name, address and words are taken out of invitations, mail sent and received, sign-in and the
 * audit log, while every row the meetings' figures count (invitations, answers, attendance)
 * stays, pointing at the anonymised person. The erasure is audited with counts only. Afterwards
 * the freed bytes are wiped from the file (forgetDeleted) and captured .eml copies removed.
 */
export function erasePerson(db: Db, actor: Actor | null, personId: number, mailDir?: string): ErasureReport {
  const { report, outboxIds } = db.transaction(() => {
    const person = q.personFacts(db, personId);
    if (!person) throw new NotFound('Person', personId);
    const now = nowIso();
    const email = person.email.toLowerCase();
    const who: Identity = {
      name: person.name,
      email,
      phone: person.phone,
      placeholder: erasedEmail(personId),
      emailPattern: new RegExp(escapeRegExp(email), 'giu'),
      namePattern: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(person.name)}(?![\\p{L}\\p{N}])`, 'giu'),
    };
    const invitationIds = q.invitationIdsOf(db, personId);
    const answerLinks = q.deleteAnswerLinks(db, personId);
    const invitations = q.blankInvitations(db, personId);
    const outboxIds = eraseOutbox(db, personId, who, now);
    const inboundReplies = q.anonymiseInboundReplies(db, personId, who.email, who.name);
    const auditEntries = eraseAudit(db, personId, who, invitationIds);
    const { accounts, sessions } = closeLinkedAccount(db, who, now);
    q.anonymisePersonRow(db, personId, ERASED_NAME, who.placeholder, now);
    const report: ErasureReport = {
      personId,
      invitations,
      answerLinks,
      outboxMessages: outboxIds.length,
      inboundReplies,
      auditEntries,
      accounts,
      sessions,
    };
    const { personId: _, ...counts } = report;
    recordAudit(db, actor, { action: 'erase', entity: 'person', entityId: personId, changes: counts });
    return { report, outboxIds };
  });
  if (mailDir) for (const id of outboxIds) rmSync(join(mailDir, `${id}.eml`), { force: true });
  forgetDeleted(db);
  return report;
}
