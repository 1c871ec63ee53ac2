import type { Db } from '../../db/client.ts';
import type { InvitationResponse, RoleLevel } from '../../db/schema/index.ts';
import type { Actor } from '../accounts/accounts.ts';
import { recordAudit } from '../audit/audit.ts';
import { notFound } from '../http/problems.ts';
import { withSessionSeats } from '../meeting-sessions/answers.ts';
import { type MeetingRecord, meetingRecord } from '../planning/meetings.ts';
import { answeredLate, replyByDate } from '../planning/reply-deadline.ts';
import { nowIso } from '../time.ts';
import { type AnswerMeeting, type Invitee, readAnswerMeeting, readInvitee } from './meeting-reads.ts';
import {
  areaOrganisations,
  currentDelegate,
  type InviteeRoleRow,
  inviteeRoles,
  type ResponseRow,
  responseRows,
  updateAnswer,
  updateNeeds,
} from './queries.ts';
import { currentAnswer } from './reconfirm.ts';
import { assertAnswersOpen } from './refusals.ts';
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
  return {
    id: null,
    email: `${via === 'link' ? 'svarlink' : 'kalendersvar'}:${email}`,
    role: 'viewer',
    programmes: new Map(),
  };
}

export interface ResponseChange {
  response: InvitationResponse;
  /** undefined keeps the earlier comment; null clears it. */
  comment?: string | null;
  /** When the answer was given (an iTIP reply's DTSTAMP); default now. */
  at?: string;
  /** Needs told with the answer; each undefined keeps what was there, null clears it. */
  dietaryNeeds?: string | null;
  accessibilityNeeds?: string | null;
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
  known: { invitee?: Invitee; meeting?: AnswerMeeting } = {},
): AnswerState {
  return db.transaction(() => {
    // `known`: the invitee and its meeting as the caller read them in this transaction, just before
    const before = known.invitee ?? readInvitee(db, invitationId);
    if (before.withdrawnAt) throw notFound('Invitation', invitationId);
    const meeting = known.meeting ?? readAnswerMeeting(db, before.meetingId);
    // before any write: an answer to a cancelled or past meeting changes nothing
    assertAnswersOpen(meeting);
    const wasWaiting = before.waiting;
    const heldPlace = before.response === 'accepted' && !wasWaiting;
    const needsPlace = change.response === 'accepted' && before.response !== 'accepted';
    const admitted = needsPlace ? hasFreePlace(db, meeting) : true;
    const now = nowIso();
    const comment = change.comment === undefined ? before.comment : change.comment;
    const respondedAt = change.at ?? now;
    updateAnswer(db, invitationId, { response: change.response, comment, respondedAt, now }, before.response);
    const needsTold = change.dietaryNeeds !== undefined || change.accessibilityNeeds !== undefined;
    if (needsTold) updateNeeds(db, invitationId, change);
    // the place in the queue after the answer, where known without reading it (undefined: read it)
    let position: number | null | undefined = null;
    if (change.response === 'accepted') {
      if (wasWaiting) position = undefined;
      else if (!admitted) position = joinWaitlist(db, meeting, before);
    } else {
      if (wasWaiting) leaveWaitlist(db, invitationId);
      if (heldPlace) fillFreePlaces(db, meeting.id);
    }
    recordAudit(db, actor, {
      action: 'update',
      entity: 'invitation',
      entityId: invitationId,
      programmeId: meeting.programmeId,
      changes: {
        response: [before.response, change.response],
        ...(comment !== before.comment ? { comment: [before.comment, comment] } : {}),
        // that needs were told, not what they are: the audit log outlives their retention
        ...(needsTold ? { needs: 'told' } : {}),
      },
    });
    // the meeting is as read above; the invitee as the two updates above left its row
    const after: Invitee = {
      ...before,
      response: change.response,
      comment,
      respondedAt,
      needsReconfirm: false,
      // a place given (a number) or still to read (undefined): waiting
      waiting: position !== null,
      dietaryNeeds: change.dietaryNeeds === undefined ? before.dietaryNeeds : change.dietaryNeeds,
      accessibilityNeeds:
        change.accessibilityNeeds === undefined ? before.accessibilityNeeds : change.accessibilityNeeds,
    };
    return answerState(db, invitationId, { invitee: after, meeting, position });
  });
}

/**
 * The invitee's answer as their page and the API show it. `known` passes what the caller has just
 * read or written (the invitee and meeting the answer page reads anyway, the place in the queue an
 * answer just gave), so one answer reads each row once.
 */
export function answerState(
  db: Db,
  invitationId: number,
  known: {
    invitee?: Invitee;
    meeting?: Pick<MeetingRecord, 'replyBy' | 'replyDaysBefore' | 'startsAt' | 'timeZone'>;
    /** replyByDate(meeting), when the caller has it. */
    replyBy?: string;
    position?: number | null;
  } = {},
): AnswerState {
  const invitee = known.invitee ?? readInvitee(db, invitationId);
  const meeting = known.meeting ?? meetingRecord(db, invitee.meetingId);
  const replyBy = known.replyBy ?? replyByDate(meeting);
  // a place is read only for an invitee read as waiting (most are not: a statement saved)
  const position =
    known.position !== undefined
      ? known.position
      : invitee.waiting
        ? waitlistPosition(db, invitationId)
        : null;
  const delegate = invitee.response === 'delegated' ? currentDelegate(db, invitationId) : undefined;
  const askedAgain = invitee.needsReconfirm;
  return {
    invitationId,
    response: currentAnswer(invitee.response, askedAgain),
    askedAgain,
    comment: invitee.comment,
    respondedAt: invitee.respondedAt,
    waitlisted: position !== null,
    waitlistPosition: position,
    delegatedTo: delegate ?? null,
    dietaryNeeds: invitee.dietaryNeeds,
    accessibilityNeeds: invitee.accessibilityNeeds,
    replyBy,
    late: answeredLate(invitee.respondedAt, replyBy, meeting.timeZone),
  };
}

/** Every invitee's answer and, per member organisation, whether it will be represented at each level. */
export function meetingResponses(db: Db, meetingId: number): MeetingResponses {
  const meeting = meetingRecord(db, meetingId);
  const replyBy = replyByDate(meeting);
  const late = (respondedAt: string | null) => answeredLate(respondedAt, replyBy, meeting.timeZone);
  const invitees = withSessionSeats(
    db,
    meetingId,
    inviteeResponses(responseRows(db, meetingId), inviteeRoles(db, meetingId), late),
  );
  const count = (p: (i: InviteeResponse) => boolean) => invitees.filter(p).length;
  return {
    meetingId,
    capacity: meeting.capacity,
    replyBy,
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
    organisations: organisationTallies(areaOrganisations(db, meeting.areaId), invitees),
  };
}

/** Each invitee's answer, roles and levels, with who they stand in for and who stands in for them. */
function inviteeResponses(
  rows: ResponseRow[],
  roles: InviteeRoleRow[],
  late: (respondedAt: string | null) => boolean,
): InviteeResponse[] {
  const rolesByPerson = new Map<number, InviteeRoleRow[]>();
  for (const r of roles) rolesByPerson.set(r.personId, [...(rolesByPerson.get(r.personId) ?? []), r]);
  const byId = new Map(rows.map((r) => [r.invitationId, r]));
  const delegateOf = new Map<number, ResponseRow>();
  for (const r of rows) if (r.delegatedFromId !== null) delegateOf.set(r.delegatedFromId, r);
  const ref = (r: ResponseRow | undefined) =>
    r ? { invitationId: r.invitationId, name: r.personName, email: r.email } : null;

  // a delegate stands in at the levels of the person who sent them (following chains)
  const levelsOf = (row: ResponseRow): InviteeResponse['levels'] => {
    const levels = new Set<RoleLevel>();
    const seen = new Set<number>();
    for (let r: ResponseRow | undefined = row; r && !seen.has(r.invitationId); ) {
      seen.add(r.invitationId);
      for (const role of rolesByPerson.get(r.personId) ?? []) levels.add(role.level);
      r = r.delegatedFromId === null ? undefined : byId.get(r.delegatedFromId);
    }
    return (['leadership', 'practice'] as const).filter((l) => levels.has(l));
  };

  return rows.map((r) => ({
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
    late: r.response !== 'needs_action' && late(r.respondedAt),
    dietaryNeeds: r.dietaryNeeds,
    accessibilityNeeds: r.accessibilityNeeds,
    waitlisted: r.waitlistPosition !== null,
    waitlistPosition: r.waitlistPosition,
    delegatedFrom: r.delegatedFromId === null ? null : ref(byId.get(r.delegatedFromId)),
    delegatedTo: r.response === 'delegated' ? ref(delegateOf.get(r.invitationId)) : null,
  }));
}

/** The answers per organisation of the area, and of any outside organisation someone was invited from. */
function organisationTallies(
  members: ReturnType<typeof areaOrganisations>,
  invitees: InviteeResponse[],
): MeetingResponses['organisations'] {
  const known = new Set(members.map((m) => m.id));
  for (const i of invitees)
    if (!known.has(i.organisation.id)) {
      known.add(i.organisation.id);
      members.push({ ...i.organisation, memberRole: null });
    }
  return members.map((m) => {
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
}
