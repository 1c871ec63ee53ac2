import type { Db } from '../../db/client.ts';
import { referatMail } from '../../emails/referat.ts';
import type { Actor } from '../accounts/accounts.ts';
import { issueFurtherAnswerToken } from '../answers/tokens.ts';
import { recordAudit } from '../audit/audit.ts';
import { assertVersion } from '../http/problems.ts';
import { loadMeetingContext, type MailConfig, messageDomain } from '../invitations/queue-mail.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { materialsOfMeeting } from '../materials/queries.ts';
import { type MeetingRecord, meetingRecord } from '../planning/meetings.ts';
import { dayDate, meetingTime, zonedDay } from '../text/dates.ts';
import type { Language } from '../text/language.ts';
import { catalogueFor } from '../text/messages.ts';
import type { ReferatDocumentView } from './document.ts';
import { draftReferat } from './draft.ts';
import {
  insertReferatVersion,
  latestReferat,
  markReferatApproved,
  markReferatSent,
  programmeLanguageOfMeeting,
  type ReferatVersionRow,
  referatRecipients,
  referatVersions,
  sentReferatsOfArea,
} from './queries.ts';
import { ReferatRefused } from './refusals.ts';
import type { Referat, ReferatAction, ReferatVersion, SaveReferat } from './schemas.ts';

export { draftReferat };

/** How long the answer links in a referat's email reach the materials. */
const MATERIAL_LINK_DAYS = 90;

const toVersion = ({ id: _id, meetingId: _m, ...v }: ReferatVersionRow): ReferatVersion => v;

export function getReferat(db: Db, meetingId: number): Referat {
  meetingRecord(db, meetingId);
  const versions = referatVersions(db, meetingId).map(toVersion);
  return { meetingId, current: versions[0] ?? null, versions };
}

/** A new version of the text; the newest read must be the newest saved (0 for the first). */
export function saveReferat(db: Db, actor: Actor, meetingId: number, input: SaveReferat): Referat {
  db.transaction(() => {
    meetingRecord(db, meetingId);
    const latest = latestReferat(db, meetingId);
    assertVersion('Referat', latest?.version ?? 0, input.version);
    const row = insertReferatVersion(db, {
      meetingId,
      version: input.version + 1,
      text: input.text,
      author: actor.email,
      createdAt: new Date().toISOString(),
    });
    recordAudit(db, actor, {
      action: 'update',
      entity: 'referat',
      entityId: meetingId,
      changes: { version: row.version },
    });
  });
  return getReferat(db, meetingId);
}

/** The newest version, which must be the one the caller read. */
function newestAsRead(db: Db, meetingId: number, version: number): ReferatVersionRow {
  meetingRecord(db, meetingId);
  const latest = latestReferat(db, meetingId);
  if (!latest) throw new ReferatRefused('nothingToApprove');
  if (latest.version !== version) throw new ReferatRefused('notLatest');
  return latest;
}

export function approveReferat(db: Db, actor: Actor, meetingId: number, input: ReferatAction): Referat {
  db.transaction(() => {
    const latest = newestAsRead(db, meetingId, input.version);
    if (latest.approvedAt) return;
    markReferatApproved(db, latest.id, new Date().toISOString(), actor.email);
    recordAudit(db, actor, {
      action: 'update',
      entity: 'referat',
      entityId: meetingId,
      changes: { approved: latest.version },
    });
  });
  return getReferat(db, meetingId);
}

/** Only the newest version, approved and not yet sent, may go out. */
function sendable(db: Db, meetingId: number, version: number): ReferatVersionRow {
  const latest = newestAsRead(db, meetingId, version);
  if (!latest.approvedAt) throw new ReferatRefused('notApproved');
  if (latest.sentAt) throw new ReferatRefused('alreadySent');
  return latest;
}

/** The referat as its files show it, in the language of the meeting's programme. */
export function referatDocumentView(
  db: Db,
  meeting: MeetingRecord,
  row: Pick<ReferatVersionRow, 'text' | 'approvedAt' | 'approvedBy'>,
  lang: Language = programmeLanguageOfMeeting(db, meeting.id),
): ReferatDocumentView {
  const w = catalogueFor(lang).referat.document;
  return {
    lang,
    meetingTitle: meeting.title,
    when: meetingTime(meeting.startsAt, meeting.endsAt, meeting.timeZone, lang),
    place: [meeting.venueName, meeting.venueAddress].filter(Boolean).join(', ') || meeting.hostName,
    facilitator: meeting.facilitatorName,
    approved: row.approvedAt
      ? w.approved(dayDate(zonedDay(row.approvedAt, meeting.timeZone), lang), row.approvedBy ?? '')
      : null,
    text: row.text,
    materials: materialsOfMeeting(db, meeting.id).map((m) => m.filename),
  };
}

/** The PDF and Word writers (pdfkit, docx) load with the first referat document, not at every start. */
const documentWriters = () => import('./document.ts');

/** The newest version's PDF or DOCX (a draft as well: the facilitator reads it before approving). */
export async function referatFile(
  db: Db,
  meetingId: number,
  format: 'pdf' | 'docx',
): Promise<{ body: Buffer; filename: string } | null> {
  const meeting = meetingRecord(db, meetingId);
  const latest = latestReferat(db, meetingId);
  if (!latest) return null;
  const view = referatDocumentView(db, meeting, latest);
  const { bufferOf, referatDocx, referatPdf } = await documentWriters();
  const body = await bufferOf(format === 'pdf' ? referatPdf(view) : referatDocx(view));
  return { body, filename: fileName(meeting, view.lang, format) };
}

function fileName(meeting: MeetingRecord, lang: Language, ext: 'pdf' | 'docx'): string {
  return `${catalogueFor(lang).referat.document.file}-${zonedDay(meeting.startsAt, meeting.timeZone)}.${ext}`;
}

/**
 * Sends the approved referat to the participants (accepted or attended) and the area's fixed
 * contacts, each with the PDF and DOCX attached and links to the materials through a fresh answer
 * link. Refused (409, nothing changed) unless the newest version is approved and not yet sent.
 */
export async function sendReferat(
  db: Db,
  config: MailConfig,
  actor: Actor,
  meetingId: number,
  input: ReferatAction,
): Promise<{ version: number; recipients: number }> {
  const checked = sendable(db, meetingId, input.version);
  const meeting = meetingRecord(db, meetingId);
  const view = referatDocumentView(db, meeting, checked);
  const { bufferOf, referatDocx, referatPdf } = await documentWriters();
  const [pdfFile, docxFile] = await Promise.all([bufferOf(referatPdf(view)), bufferOf(referatDocx(view))]);
  const attachments = [
    { filename: fileName(meeting, view.lang, 'pdf'), content: pdfFile, contentType: 'application/pdf' },
    {
      filename: fileName(meeting, view.lang, 'docx'),
      content: docxFile,
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    },
  ].map((a) => ({ ...a, content: a.content.toString('base64'), encoding: 'base64' as const }));
  return db.transaction(() => {
    // checked again inside the write: an edit while the files were made wins
    const latest = sendable(db, meetingId, input.version);
    const ctx = loadMeetingContext(db, config, meeting);
    const materials = materialsOfMeeting(db, meetingId);
    const base = config.PUBLIC_URL.replace(/\/+$/, '');
    const now = new Date();
    const linkExpiry = new Date(now.getTime() + MATERIAL_LINK_DAYS * 86_400_000).toISOString();
    const recipients = referatRecipients(db, meetingId);
    for (const r of recipients) {
      const token =
        materials.length && r.invitationId !== null
          ? issueFurtherAnswerToken(db, r.invitationId, linkExpiry)
          : null;
      const mail = referatMail({
        lang: r.language,
        to: r.name,
        meetingTitle: meeting.title,
        startsAt: meeting.startsAt,
        timeZone: meeting.timeZone,
        materials: token
          ? materials.map((m) => ({ label: m.filename, href: `${base}/rsvp/${token}/materialer/${m.id}` }))
          : [],
        from: ctx.view.facilitator,
        signature: ctx.view.programmeSignature,
      });
      enqueueMail(
        db,
        {
          kind: 'referat',
          to: { address: r.email, name: r.name },
          ...mail,
          meetingId,
          extra: { attachments, replyTo: ctx.replyTo },
        },
        messageDomain(config),
      );
    }
    markReferatSent(db, latest.id, now.toISOString(), actor.email, recipients.length);
    recordAudit(db, actor, {
      action: 'send',
      entity: 'referat',
      entityId: meetingId,
      changes: { version: latest.version, recipients: recipients.length },
    });
    return { version: latest.version, recipients: recipients.length };
  });
}

/** The referats sent after an area's meetings (the newest sent version of each), newest meeting first. */
export function sentReferats(db: Db, areaId: number) {
  return sentReferatsOfArea(db, areaId);
}
