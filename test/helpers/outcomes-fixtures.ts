import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { InvitationResponse, MeetingStatus } from '../../db/schema/index.ts';
import { invitation, meeting, organisation, person, personRole, role } from '../../db/schema/index.ts';
import { districtByCode } from '../../server/outcomes/references.ts';

/** Meetings belong to the planning work; outcome tests insert the rows they need directly. */
export function insertMeeting(
  db: Db,
  opts: {
    districtCode: string;
    startsAt: string;
    status?: MeetingStatus;
    venueName?: string;
    title?: string;
  },
): number {
  const district = districtByCode(db, opts.districtCode);
  const now = new Date().toISOString();
  const ends = new Date(new Date(opts.startsAt).getTime() + 3 * 3600_000).toISOString();
  return db
    .insert(meeting)
    .values({
      areaId: district.areaId,
      title: opts.title ?? `Politikredsmøde ${district.name}`,
      status: opts.status ?? 'held',
      startsAt: opts.startsAt,
      endsAt: ends,
      venueName: opts.venueName ?? 'Rådhuset',
      venueAddress: 'Torvet 1',
      icsUid: `${randomUUID()}@test`,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: meeting.id })
    .get().id;
}

/** A contact person at an organisation (by kind and code), with roles by key. */
export function insertPerson(
  db: Db,
  opts: {
    name: string;
    email: string;
    orgKind: 'municipality' | 'police_district';
    orgCode: string;
    roles?: string[];
    fixed?: boolean;
  },
): number {
  const org = db
    .select()
    .from(organisation)
    .all()
    .find((o) => o.kind === opts.orgKind && o.code === opts.orgCode)!;
  const now = new Date().toISOString();
  const id = db
    .insert(person)
    .values({
      name: opts.name,
      email: opts.email,
      organisationId: org.id,
      isFixedContact: opts.fixed ?? false,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: person.id })
    .get().id;
  for (const key of opts.roles ?? []) {
    const r = db.select().from(role).where(eq(role.key, key)).get()!;
    db.insert(personRole).values({ personId: id, roleId: r.id }).run();
  }
  return id;
}

export function insertInvitation(
  db: Db,
  meetingId: number,
  personId: number,
  response: InvitationResponse,
): void {
  const now = new Date().toISOString();
  db.insert(invitation).values({ meetingId, personId, response, createdAt: now, updatedAt: now }).run();
}
