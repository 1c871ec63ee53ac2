import type { Db } from '../../db/client.ts';
import type { InvitationResponse, RoleLevel } from '../../db/schema/index.ts';
import type { MeetingRow } from '../planning/meeting-changes.ts';
import { meetingRecord } from '../planning/meetings.ts';
import {
  type AudienceRow,
  areaMembers,
  audienceInvitationRows,
  audienceRows,
  coveragePairs,
  cycleSettingsText,
  defaultAudienceRoleKeys,
  organisationsCountingFor,
} from './queries.ts';

/** Where an invitee stands: not yet sent, sent, or taken off the audience after all. */
export type InvitationState = 'pending' | 'sent' | 'withdrawn';

export interface AudiencePerson {
  personId: number;
  name: string;
  email: string;
  language: string;
  organisation: { id: number; name: string; kind: string };
  /** The area member the person counts for (their organisation or its parent); null if from outside. */
  memberOrganisationId: number | null;
  roles: { key: string; name: string; level: RoleLevel }[];
  addedByHand: boolean;
  invitation: { id: number; state: InvitationState; response: InvitationResponse } | null;
}

export interface MemberCoverage {
  organisation: { id: number; name: string; kind: string };
  memberRole: 'convener' | 'member' | 'support';
  invited: number;
  leadership: number;
  practice: number;
  gaps: ('nobody' | 'no_leadership' | 'no_practice')[];
}

export interface Audience {
  meetingId: number;
  roleKeys: string[];
  people: AudiencePerson[];
  /** People taken off by hand: not invited (or sent a cancellation). */
  removed: AudiencePerson[];
  coverage: {
    members: MemberCoverage[];
    gaps: { organisationId: number; problem: string; message: string }[];
  };
}

/** meeting.audienceRoleKeys, else the cycle's settings.audienceRoleKeys, else the catalogue's default roles. */
export function audienceRoleKeys(db: Db, m: MeetingRow): string[] {
  if (Array.isArray(m.audienceRoleKeys)) return m.audienceRoleKeys;
  if (m.cycleId != null) {
    const stored = cycleSettingsText(db, m.cycleId);
    const settings = stored ? (JSON.parse(stored) as { audienceRoleKeys?: unknown }) : null;
    if (Array.isArray(settings?.audienceRoleKeys)) return settings.audienceRoleKeys.map(String);
  }
  return defaultAudienceRoleKeys(db);
}

function toAudiencePerson(r: AudienceRow, memberOf: Map<number, number>): AudiencePerson {
  return {
    personId: r.personId,
    name: r.name,
    email: r.email,
    language: r.language,
    organisation: { id: r.orgId, name: r.orgName, kind: r.orgKind },
    memberOrganisationId: memberOf.get(r.orgId) ?? null,
    roles: JSON.parse(r.roles) as AudiencePerson['roles'],
    addedByHand: r.addedByHand === 1,
    invitation:
      r.invitationId == null
        ? null
        : {
            id: r.invitationId,
            state: r.withdrawnAt ? 'withdrawn' : r.sent ? 'sent' : 'pending',
            response: r.response ?? 'needs_action',
          },
  };
}

/** The area's organisations, each with the member it counts for, and the roles the meeting is for. */
function audienceScope(db: Db, m: MeetingRow): { roleKeys: string[]; memberOf: Map<number, number> } {
  const roleKeys = audienceRoleKeys(db, m);
  const memberOf = new Map(organisationsCountingFor(db, m.areaId).map((o) => [o.id, o.memberId]));
  return { roleKeys, memberOf };
}

/** The invitees of a meeting (without those taken off) and those taken off, in one read. */
function readAudience(
  db: Db,
  m: MeetingRow,
): { roleKeys: string[]; people: AudiencePerson[]; removed: AudiencePerson[] } {
  const { roleKeys, memberOf } = audienceScope(db, m);
  const rows = audienceRows(db, m.id, [...memberOf.keys()], roleKeys);
  const people: AudiencePerson[] = [];
  const removed: AudiencePerson[] = [];
  for (const row of rows) (row.withdrawnAt ? removed : people).push(toAudiencePerson(row, memberOf));
  return { roleKeys, people, removed };
}

/**
 * The people a meeting is for: the audience roles of the area's organisations plus those added by
 * hand. Takes the meeting as its sender has just read it, rather than reading it again.
 */
export function selectAudience(db: Db, m: MeetingRow): AudiencePerson[] {
  return readAudience(db, m).people;
}

/** A person of the audience as a send sees them: who, and where their invitation stands. */
export interface AudienceInvitee {
  personId: number;
  invitation: { id: number; state: Exclude<InvitationState, 'withdrawn'> } | null;
}

/**
 * The people selectAudience gives, in its order, with only what sending needs: a send of a
 * meeting reads no names, organisations or roles.
 */
export function audienceToInvite(db: Db, m: MeetingRow): AudienceInvitee[] {
  const { roleKeys, memberOf } = audienceScope(db, m);
  const invitees: AudienceInvitee[] = [];
  for (const r of audienceInvitationRows(db, m.id, [...memberOf.keys()], roleKeys)) {
    if (r.withdrawnAt) continue;
    invitees.push({
      personId: r.personId,
      invitation: r.invitationId == null ? null : { id: r.invitationId, state: r.sent ? 'sent' : 'pending' },
    });
  }
  return invitees;
}

const gapText: Record<MemberCoverage['gaps'][number], (org: string) => string> = {
  nobody: (org) => `Ingen fra ${org} er inviteret`,
  no_leadership: (org) => `Ingen fra ${org} er inviteret på ledelsesniveau`,
  no_practice: (org) => `Ingen fra ${org} er inviteret på praksisniveau`,
};

/** The audience and its coverage check: members with nobody, or nobody at leadership or practice level. */
export function getAudience(db: Db, meetingId: number): Audience {
  const m = meetingRecord(db, meetingId);
  const { roleKeys, people, removed } = readAudience(db, m);
  const members = areaMembers(db, m.areaId);
  const coverage: MemberCoverage[] = members.map((o) => ({
    organisation: { id: o.id, name: o.name, kind: o.kind },
    memberRole: o.memberRole,
    invited: 0,
    leadership: 0,
    practice: 0,
    gaps: [],
  }));
  const byId = new Map(coverage.map((c) => [c.organisation.id, c]));
  const covered = new Map<number, number[]>();
  for (const [personId, memberId] of coveragePairs(db, m.areaId))
    covered.set(personId, [...(covered.get(personId) ?? []), memberId]);
  for (const p of people) {
    // a person counts for their own member organisation and for every member they cover
    const memberIds = new Set([...(covered.get(p.personId) ?? []), p.memberOrganisationId]);
    for (const memberId of memberIds) {
      const c = memberId == null ? undefined : byId.get(memberId);
      if (!c) continue;
      c.invited++;
      if (p.roles.some((r) => r.level === 'leadership')) c.leadership++;
      if (p.roles.some((r) => r.level === 'practice')) c.practice++;
    }
  }
  const gaps: Audience['coverage']['gaps'] = [];
  for (const c of coverage) {
    if (c.invited === 0) c.gaps.push('nobody');
    // a supporting organisation (the children's house) sends its leader; levels matter for the parties
    else if (c.memberRole !== 'support') {
      if (c.leadership === 0) c.gaps.push('no_leadership');
      if (c.practice === 0) c.gaps.push('no_practice');
    }
    for (const g of c.gaps)
      gaps.push({ organisationId: c.organisation.id, problem: g, message: gapText[g](c.organisation.name) });
  }
  return { meetingId, roleKeys, people, removed, coverage: { members: coverage, gaps } };
}
