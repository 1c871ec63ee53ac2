import type { Db } from '../../db/client.ts';
import type { InvitationResponse, OrganisationKind, RoleLevel } from '../../db/schema/index.ts';
import { prepared } from '../../db/statements.ts';
import type { Actor } from '../accounts/accounts.ts';
import { recordAudit } from '../audit/audit.ts';
import { conflict, notFound } from '../http/problems.ts';
import { meetingRecord } from '../planning/meetings.ts';
import { nowIso } from '../time.ts';
import { readInvitee } from './meeting-reads.ts';
import { currentAnswer } from './reconfirm.ts';
import type { AnswerState, InviteeResponse, MeetingResponses } from './schemas.ts';
import {
  fillFreePlaces,
  hasFreePlace,
  joinWaitlist,
  leaveWaitlist,
  waitlistPosition,
} from './waiting-list.ts';

/** Who answered, for the audit log: the invitee through a link or their calendar, never an account. */
export function inviteeActor(email: string, via: 'link' | 'calendar'): Actor {
  return { id: null, email: `${via === 'link' ? 'svarlink' : 'kalendersvar'}:${email}`, role: 'viewer' };
}

export interface ResponseChange {
  response: InvitationResponse;
  /** undefined keeps the earlier comment; null clears it. */
  comment?: string | null;
  /** When the answer was given (an iTIP reply's DTSTAMP); default now. */
  at?: string;
}

/**
 * Records one invitee's answer, from any path (answer link, calendar reply, delegation). Answering
 * again replaces the answer. An acceptance beyond the capacity waits; an accepted place given up
 * goes to the first waiting.
 */
export function recordResponse(
  db: Db,
  actor: Actor,
  invitationId: number,
  change: ResponseChange,
): AnswerState {
  return db.transaction(() => {
    const before = readInvitee(db, invitationId);
    if (before.withdrawnAt) throw notFound('Invitation', invitationId);
    const meeting = meetingRecord(db, before.meetingId);
    if (meeting.status === 'cancelled') throw conflict('The meeting is cancelled; answers are closed');
    const wasWaiting = waitlistPosition(db, invitationId) !== null;
    const heldPlace = before.response === 'accepted' && !wasWaiting;
    const needsPlace = change.response === 'accepted' && before.response !== 'accepted';
    const admitted = needsPlace ? hasFreePlace(db, meeting) : true;
    const now = nowIso();
    const comment = change.comment === undefined ? before.comment : change.comment;
    prepared(
      db,
      `UPDATE invitation SET response = ?, comment = ?, responded_at = ?, updated_at = ?, needs_reconfirm = 0
       WHERE id = ?`,
    ).run(change.response, comment, change.at ?? now, now, invitationId);
    if (change.response === 'accepted') {
      if (!admitted) joinWaitlist(db, meeting, invitationId);
    } else {
      if (wasWaiting) leaveWaitlist(db, invitationId);
      if (heldPlace) fillFreePlaces(db, meeting.id);
    }
    recordAudit(db, actor, {
      action: 'update',
      entity: 'invitation',
      entityId: invitationId,
      changes: {
        response: [before.response, change.response],
        ...(comment !== before.comment ? { comment: [before.comment, comment] } : {}),
      },
    });
    return answerState(db, invitationId);
  });
}

function isAskedAgain(db: Db, invitationId: number): boolean {
  const row = prepared<{ needsReconfirm: number }>(
    db,
    'SELECT needs_reconfirm AS needsReconfirm FROM invitation WHERE id = ?',
  ).get(invitationId);
  return Boolean(row?.needsReconfirm);
}

export function answerState(db: Db, invitationId: number): AnswerState {
  const invitee = readInvitee(db, invitationId);
  const position = waitlistPosition(db, invitationId);
  const delegate = prepared<{ name: string; email: string }>(
    db,
    `SELECT p.name, p.email FROM invitation d JOIN person p ON p.id = d.person_id
     WHERE d.delegated_from_id = ? AND d.withdrawn_at IS NULL ORDER BY d.id DESC LIMIT 1`,
  ).get(invitationId);
  const askedAgain = isAskedAgain(db, invitationId);
  return {
    invitationId,
    response: currentAnswer(invitee.response, askedAgain),
    askedAgain,
    comment: invitee.comment,
    respondedAt: invitee.respondedAt,
    waitlisted: position !== null,
    waitlistPosition: position,
    delegatedTo: invitee.response === 'delegated' && delegate ? delegate : null,
  };
}

interface InviteeRow {
  invitationId: number;
  response: InvitationResponse;
  comment: string | null;
  respondedAt: string | null;
  delegatedFromId: number | null;
  personId: number;
  personName: string;
  email: string;
  organisationId: number;
  organisationName: string;
  organisationKind: OrganisationKind;
  waitlistPosition: number | null;
  needsReconfirm: number;
}

interface RoleRow {
  personId: number;
  key: string;
  name: string;
  level: RoleLevel;
}

/** Every invitee's answer and, per member organisation, whether it will be represented at each level. */
export function meetingResponses(db: Db, meetingId: number): MeetingResponses {
  const meeting = meetingRecord(db, meetingId);
  const rows = prepared<InviteeRow>(
    db,
    `SELECT i.id AS invitationId, i.response, i.comment, i.responded_at AS respondedAt,
            i.delegated_from_id AS delegatedFromId, i.needs_reconfirm AS needsReconfirm, p.id AS personId, p.name AS personName, p.email,
            o.id AS organisationId, o.name AS organisationName, o.kind AS organisationKind,
            CASE WHEN w.id IS NULL THEN NULL ELSE
              (SELECT count(*) FROM waitlist_entry w2 JOIN invitation i2 ON i2.id = w2.invitation_id
               WHERE w2.meeting_id = w.meeting_id AND w2.id <= w.id AND i2.withdrawn_at IS NULL)
            END AS waitlistPosition
     FROM invitation i JOIN person p ON p.id = i.person_id JOIN organisation o ON o.id = p.organisation_id
     LEFT JOIN waitlist_entry w ON w.invitation_id = i.id
     WHERE i.meeting_id = ? AND i.withdrawn_at IS NULL
     ORDER BY o.name, p.name, i.id`,
  ).all(meetingId);
  const roles = prepared<RoleRow>(
    db,
    `SELECT pr.person_id AS personId, r.key, r.name, r.level FROM person_role pr JOIN role r ON r.id = pr.role_id
     WHERE pr.person_id IN (SELECT person_id FROM invitation WHERE meeting_id = ? AND withdrawn_at IS NULL)
     ORDER BY r.id`,
  ).all(meetingId);
  const rolesByPerson = new Map<number, RoleRow[]>();
  for (const r of roles) rolesByPerson.set(r.personId, [...(rolesByPerson.get(r.personId) ?? []), r]);
  const byId = new Map(rows.map((r) => [r.invitationId, r]));
  const delegateOf = new Map<number, InviteeRow>();
  for (const r of rows) if (r.delegatedFromId !== null) delegateOf.set(r.delegatedFromId, r);
  const ref = (r: InviteeRow | undefined) =>
    r ? { invitationId: r.invitationId, name: r.personName, email: r.email } : null;

  // a delegate stands in at the levels of the person who sent them (following chains)
  const levelsOf = (row: InviteeRow): InviteeResponse['levels'] => {
    const levels = new Set<RoleLevel>();
    const seen = new Set<number>();
    for (let r: InviteeRow | undefined = row; r && !seen.has(r.invitationId); ) {
      seen.add(r.invitationId);
      for (const role of rolesByPerson.get(r.personId) ?? []) levels.add(role.level);
      r = r.delegatedFromId === null ? undefined : byId.get(r.delegatedFromId);
    }
    return (['leadership', 'practice'] as const).filter((l) => levels.has(l));
  };

  const invitees: InviteeResponse[] = rows.map((r) => ({
    invitationId: r.invitationId,
    person: { id: r.personId, name: r.personName, email: r.email },
    organisation: { id: r.organisationId, name: r.organisationName, kind: r.organisationKind },
    roles: (rolesByPerson.get(r.personId) ?? []).map(({ key, name, level }) => ({ key, name, level })),
    levels: levelsOf(r),
    // asked again after a new time: not answered until they do, though an acceptance keeps its place
    response: currentAnswer(r.response, r.needsReconfirm),
    askedAgain: Boolean(r.needsReconfirm) && r.response !== 'delegated',
    earlierResponse: r.needsReconfirm && r.response !== 'delegated' ? r.response : null,
    comment: r.comment,
    respondedAt: r.respondedAt,
    waitlisted: r.waitlistPosition !== null,
    waitlistPosition: r.waitlistPosition,
    delegatedFrom: r.delegatedFromId === null ? null : ref(byId.get(r.delegatedFromId)),
    delegatedTo: r.response === 'delegated' ? ref(delegateOf.get(r.invitationId)) : null,
  }));

  const members = prepared<{ id: number; name: string; kind: OrganisationKind; memberRole: string | null }>(
    db,
    `SELECT o.id, o.name, o.kind, m.member_role AS memberRole FROM area_member m
     JOIN organisation o ON o.id = m.organisation_id WHERE m.area_id = ?
     ORDER BY CASE m.member_role WHEN 'convener' THEN 0 WHEN 'member' THEN 1 ELSE 2 END, o.name`,
  ).all(meeting.areaId);
  // invitees from organisations outside the area (added by hand) are counted too
  const known = new Set(members.map((m) => m.id));
  for (const i of invitees)
    if (!known.has(i.organisation.id)) {
      known.add(i.organisation.id);
      members.push({ ...i.organisation, memberRole: null });
    }
  const organisations = members.map((m) => {
    const mine = invitees.filter((i) => i.organisation.id === m.id);
    const holding = mine.filter((i) => i.response === 'accepted' && !i.waitlisted);
    return {
      ...m,
      invited: mine.length,
      accepted: holding.length,
      waitlisted: mine.filter((i) => i.waitlisted).length,
      tentative: mine.filter((i) => i.response === 'tentative').length,
      declined: mine.filter((i) => i.response === 'declined').length,
      leadership: holding.some((i) => i.levels.includes('leadership')),
      practice: holding.some((i) => i.levels.includes('practice')),
    };
  });

  const count = (p: (i: InviteeResponse) => boolean) => invitees.filter(p).length;
  return {
    meetingId,
    capacity: meeting.capacity,
    counts: {
      invited: invitees.length,
      accepted: count((i) => i.response === 'accepted' && !i.waitlisted),
      waitlisted: count((i) => i.waitlisted),
      tentative: count((i) => i.response === 'tentative'),
      declined: count((i) => i.response === 'declined'),
      delegated: count((i) => i.response === 'delegated'),
      noAnswer: count((i) => i.response === 'needs_action'),
    },
    invitees,
    organisations,
  };
}
