import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import type { InvitationResponse, MeetingStatus } from '../../db/schema/index.ts';
import { prepared } from '../../db/statements.ts';
import { issueAnswerToken } from '../../server/answers/tokens.ts';

/**
 * Meetings and invitations inserted as rows, the way planning and sending leave them, so the
 * answering side can be tested on its own.
 */

export interface MeetingFixture {
  meetingId: number;
  areaId: number;
  icsUid: string;
  /** Organisation ids of the area by role and, for members, by name. */
  convenerId: number;
  memberIds: Record<string, number>;
  supportIds: number[];
}

export interface MeetingOptions {
  districtCode?: string;
  title?: string;
  status?: MeetingStatus;
  startsAt?: string;
  endsAt?: string;
  capacity?: number | null;
  venueName?: string | null;
  venueAddress?: string | null;
  updatedAt?: string;
}

export function insertMeeting(db: Db, options: MeetingOptions = {}): MeetingFixture {
  const code = options.districtCode ?? '1471';
  const area = prepared(
    db,
    `SELECT a.id, a.convener_id AS convenerId FROM area a JOIN organisation d ON d.id = a.convener_id
     WHERE a.kind = 'police_district' AND d.code = ?`,
  ).get(code) as { id: number; convenerId: number };
  const members = prepared(
    db,
    `SELECT o.id, o.name, m.member_role AS memberRole FROM area_member m JOIN organisation o ON o.id = m.organisation_id
     WHERE m.area_id = ?`,
  ).all(area.id) as { id: number; name: string; memberRole: string }[];
  const now = options.updatedAt ?? '2026-11-01T10:00:00.000Z';
  const icsUid = `${randomUUID()}@samraad.test`;
  const id = Number(
    prepared(
      db,
      `INSERT INTO meeting (area_id, title, status, starts_at, ends_at, venue_name, venue_address, capacity, ics_uid,
                            created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      area.id,
      options.title ?? 'Politikredsmøde 2027 – Bornholms Politi',
      options.status ?? 'invited',
      options.startsAt ?? '2027-03-03T08:00:00.000Z',
      options.endsAt ?? '2027-03-03T14:00:00.000Z',
      options.venueName === undefined ? 'Rønne Rådhus' : options.venueName,
      options.venueAddress === undefined ? 'Store Torv 1, 3700 Rønne' : options.venueAddress,
      options.capacity ?? null,
      icsUid,
      now,
      now,
    ).lastInsertRowid,
  );
  return {
    meetingId: id,
    areaId: area.id,
    icsUid,
    convenerId: area.convenerId,
    memberIds: Object.fromEntries(
      members.filter((m) => m.memberRole === 'member').map((m) => [m.name, m.id]),
    ),
    supportIds: members.filter((m) => m.memberRole === 'support').map((m) => m.id),
  };
}

export interface InviteeOptions {
  name: string;
  email: string;
  organisationId: number;
  roles?: string[];
  isFixedContact?: boolean;
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
export function insertInvitee(db: Db, meetingId: number, options: InviteeOptions): InviteeFixture {
  const now = '2026-11-01T10:00:00.000Z';
  let personId = (
    prepared(db, 'SELECT id FROM person WHERE email = ?').get(options.email.toLowerCase()) as
      | { id: number }
      | undefined
  )?.id;
  if (personId === undefined) {
    personId = Number(
      prepared(
        db,
        `INSERT INTO person (name, email, organisation_id, is_fixed_contact, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(
        options.name,
        options.email.toLowerCase(),
        options.organisationId,
        options.isFixedContact ? 1 : 0,
        now,
        now,
      ).lastInsertRowid,
    );
    for (const key of options.roles ?? [])
      prepared(db, 'INSERT INTO person_role (person_id, role_id) SELECT ?, id FROM role WHERE key = ?').run(
        personId,
        key,
      );
  }
  const invitationId = Number(
    prepared(
      db,
      `INSERT INTO invitation (meeting_id, person_id, response, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
    ).run(meetingId, personId, options.response ?? 'needs_action', now, now).lastInsertRowid,
  );
  const meeting = prepared(db, 'SELECT ends_at AS endsAt FROM meeting WHERE id = ?').get(meetingId) as {
    endsAt: string;
  };
  const token = issueAnswerToken(db, invitationId, options.tokenExpiresAt ?? meeting.endsAt);
  return { invitationId, personId, token };
}

/** A person who is not invited (e.g. a fixed contact person). */
export function insertPerson(
  db: Db,
  options: { name: string; email: string; organisationId: number; isFixedContact?: boolean },
): number {
  const now = '2026-11-01T10:00:00.000Z';
  return Number(
    prepared(
      db,
      `INSERT INTO person (name, email, organisation_id, is_fixed_contact, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(
      options.name,
      options.email.toLowerCase(),
      options.organisationId,
      options.isFixedContact ? 1 : 0,
      now,
      now,
    ).lastInsertRowid,
  );
}

export function outboxOf(db: Db, kind?: string) {
  return prepared(
    db,
    `SELECT id, kind, to_address AS toAddress, subject, content, invitation_id AS invitationId, meeting_id AS meetingId
     FROM outbox_message WHERE (? IS NULL OR kind = ?) ORDER BY id`,
  )
    .all(kind ?? null, kind ?? null)
    .map((r) => {
      const row = r as { content: string } & Record<string, unknown>;
      return { ...row, content: JSON.parse(row.content) as { text: string; html?: string } };
    }) as {
    id: number;
    kind: string;
    toAddress: string;
    subject: string;
    invitationId: number | null;
    meetingId: number | null;
    content: { text: string; html?: string };
  }[];
}
