import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { type InvitationResponse, invitation, meeting, person, personRole } from '../../db/schema/index.ts';
import { prepared } from '../../db/statements.ts';
import type { MeetingMailView } from '../../emails/meeting-mail.ts';
import { issueAnswerToken } from '../../server/answers/tokens.ts';
import type { MeetingInsert } from '../../server/planning/meetings.ts';
import { type MeetingRecord, meetingRecord } from '../../server/planning/meetings.ts';

/**
 * One factory per model: `buildX` returns the row to insert with every default filled in,
 * `insertX` stores it the way the domain leaves it, so a test can set up one side (answering,
 * sending, outcomes) without going through the others.
 */

const STAMP = '2026-11-01T10:00:00.000Z';

interface AreaOfDistrict {
  id: number;
  name: string;
  convenerId: number;
}

export function areaOfDistrict(db: Db, districtCode: string): AreaOfDistrict {
  const area = prepared<AreaOfDistrict>(
    db,
    `SELECT a.id, a.name, a.convener_id AS convenerId FROM area a JOIN organisation d ON d.id = a.convener_id
     WHERE a.kind = 'police_district' AND d.code = ?`,
  ).get(districtCode);
  if (!area) throw new Error(`no police district ${districtCode} in the seed`);
  return area;
}

export type MeetingOverrides = Partial<MeetingInsert> & {
  /** The police district whose area meets; default Bornholms Politi (1471). Or give areaId. */
  districtCode?: string;
};

function areaById(db: Db, id: number): AreaOfDistrict {
  const area = prepared<AreaOfDistrict>(
    db,
    'SELECT id, name, convener_id AS convenerId FROM area WHERE id = ?',
  ).get(id);
  if (!area) throw new Error(`no area ${id}`);
  return area;
}

/** A meeting row: Bornholm, invited, 3 March 2027 09:00–15:00 Copenhagen, at Rønne Rådhus. */
export function buildMeeting(db: Db, overrides: MeetingOverrides = {}): MeetingInsert {
  const { districtCode = '1471', areaId, ...fields } = overrides;
  const area = areaId === undefined ? areaOfDistrict(db, districtCode) : areaById(db, areaId);
  const startsAt = fields.startsAt ?? '2027-03-03T08:00:00.000Z';
  return {
    areaId: area.id,
    title: `Politikredsmøde ${area.name}`,
    status: 'invited',
    endsAt: new Date(Date.parse(startsAt) + 6 * 3600_000).toISOString(),
    venueName: 'Rønne Rådhus',
    venueAddress: 'Store Torv 1, 3700 Rønne',
    icsUid: `${randomUUID()}@samraad.test`,
    createdAt: fields.updatedAt ?? STAMP,
    updatedAt: STAMP,
    ...fields,
    startsAt,
  };
}

export interface MeetingFixture extends MeetingRecord {
  meetingId: number;
  /** The area's member organisations by name, and its supporting ones. */
  memberIds: Record<string, number>;
  supportIds: number[];
}

/** Inserts a meeting (planning owns them; other sides' tests need only the row). */
export function insertMeeting(db: Db, overrides: MeetingOverrides = {}): MeetingFixture {
  const { id } = db.insert(meeting).values(buildMeeting(db, overrides)).returning({ id: meeting.id }).get();
  const record = meetingRecord(db, id);
  const members = prepared<{ id: number; name: string; memberRole: string }>(
    db,
    `SELECT o.id, o.name, m.member_role AS memberRole FROM area_member m JOIN organisation o ON o.id = m.organisation_id
     WHERE m.area_id = ?`,
  ).all(record.areaId);
  return {
    ...record,
    meetingId: id,
    memberIds: Object.fromEntries(
      members.filter((m) => m.memberRole === 'member').map((m) => [m.name, m.id]),
    ),
    supportIds: members.filter((m) => m.memberRole === 'support').map((m) => m.id),
  };
}

/** A meeting that has taken place, as the outcome tests want it: three hours at Rådhuset. */
export function insertHeldMeeting(db: Db, overrides: MeetingOverrides & { startsAt: string }): number {
  return insertMeeting(db, {
    status: 'held',
    venueName: 'Rådhuset',
    venueAddress: 'Torvet 1',
    endsAt: new Date(Date.parse(overrides.startsAt) + 3 * 3600_000).toISOString(),
    ...overrides,
  }).id;
}

export interface PersonOverrides {
  name: string;
  email: string;
  /** The organisation by id, or by kind and code. */
  organisationId?: number;
  orgKind?: 'municipality' | 'police_district';
  orgCode?: string;
  roles?: string[];
  isFixedContact?: boolean;
  /** A code of the language table (da, en, nb, …). */
  language?: string;
}

function organisationOf(db: Db, p: PersonOverrides): number {
  if (p.organisationId !== undefined) return p.organisationId;
  const org = prepared<{ id: number }>(db, 'SELECT id FROM organisation WHERE kind = ? AND code = ?').get(
    p.orgKind,
    p.orgCode,
  );
  if (!org) throw new Error(`no ${p.orgKind} ${p.orgCode} in the seed`);
  return org.id;
}

export function buildPerson(db: Db, p: PersonOverrides): typeof person.$inferInsert {
  return {
    name: p.name,
    email: p.email.toLowerCase(),
    organisationId: organisationOf(db, p),
    isFixedContact: p.isFixedContact ?? false,
    language: p.language ?? 'da',
    createdAt: STAMP,
    updatedAt: STAMP,
  };
}

/** A contact person with roles by key. */
export function insertPerson(db: Db, p: PersonOverrides): number {
  const { id } = db.insert(person).values(buildPerson(db, p)).returning({ id: person.id }).get();
  for (const key of p.roles ?? []) {
    const role = prepared<{ id: number }>(db, 'SELECT id FROM role WHERE key = ?').get(key);
    if (!role) throw new Error(`no role ${key} in the catalogue`);
    db.insert(personRole).values({ personId: id, roleId: role.id }).run();
  }
  return id;
}

export function buildInvitation(
  meetingId: number,
  personId: number,
  response: InvitationResponse = 'needs_action',
): typeof invitation.$inferInsert {
  return { meetingId, personId, response, createdAt: STAMP, updatedAt: STAMP };
}

/** An invitation row without an answer link (as if sent before links existed). */
export function insertInvitation(
  db: Db,
  meetingId: number,
  personId: number,
  response: InvitationResponse = 'needs_action',
): number {
  return db
    .insert(invitation)
    .values(buildInvitation(meetingId, personId, response))
    .returning({ id: invitation.id })
    .get().id;
}

export interface InviteeOverrides extends PersonOverrides {
  response?: InvitationResponse;
  /** Answer-link expiry; default the meeting's end. */
  tokenExpiresAt?: string;
}

export interface InviteeFixture {
  invitationId: number;
  personId: number;
  token: string;
}

/** A person (created unless the email is known) with an invitation and an answer link. */
export function insertInvitee(db: Db, meetingId: number, options: InviteeOverrides): InviteeFixture {
  const personId =
    prepared<{ id: number }>(db, 'SELECT id FROM person WHERE email = ?').get(options.email.toLowerCase())
      ?.id ?? insertPerson(db, options);
  const invitationId = insertInvitation(db, meetingId, personId, options.response);
  const token = issueAnswerToken(
    db,
    invitationId,
    options.tokenExpiresAt ?? meetingRecord(db, meetingId).endsAt,
  );
  return { invitationId, personId, token };
}

/**
 * A meeting (by default Bornholm's, as most answer tests use) with these people invited, each with
 * an answer link; a person belongs to the municipality of Bornholm unless given an organisation.
 */
export function meetingWithInvitees<
  const People extends readonly (Omit<InviteeOverrides, 'organisationId'> & { organisationId?: number })[],
>(
  db: Db,
  people: People,
  overrides: MeetingOverrides = { title: 'Politikredsmøde 2027 – Bornholms Politi' },
): { meeting: MeetingFixture; invitees: { [K in keyof People]: InviteeFixture } } {
  const meeting = insertMeeting(db, overrides);
  const invitees = people.map((p) =>
    insertInvitee(db, meeting.meetingId, {
      ...p,
      organisationId: p.organisationId ?? meeting.memberIds.Bornholm!,
    }),
  );
  return { meeting, invitees: invitees as { [K in keyof People]: InviteeFixture } };
}

/**
 * A meeting as its emails show it, with everything the rendering escapes or cleans: markup and
 * quotes in names, a line break in an agenda point, a signature with CRLF and spaces to trim.
 */
export function buildMeetingMailView(overrides: Partial<MeetingMailView> = {}): MeetingMailView {
  return {
    title: 'Politikredsmøde <Fyn> & Øerne',
    districtName: 'Fyns Politi',
    startsAt: '2027-03-12T08:00:00Z',
    endsAt: '2027-03-12T11:30:00Z',
    timeZone: 'Europe/Copenhagen',
    venueName: 'Politigården',
    venueAddress: 'Østre Stationsvej 44, 5000 Odense C',
    facilitatorName: 'Åse "Facilitator" Ølund',
    facilitator: { name: 'Åse Ølund', organisation: 'Fyns Politi', email: 'aase@fyn.dk', phone: '+45 1234' },
    programmeSignature: 'Samrådets sekretariat\r\n  Fyn  ',
    agenda: [
      { title: 'Velkomst & <intro>', startsAt: '2027-03-12T08:00:00Z' },
      { title: 'Tryghed i Vollsmose', description: 'v/ Bo\nog Jo', startsAt: '2027-03-12T08:30:00Z' },
    ],
    materials: [{ id: 7, filename: 'slides & noter.pdf' }],
    replyBy: '2027-02-26',
    ...overrides,
  };
}
