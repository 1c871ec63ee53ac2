import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { InvitationResponse, MeetingStatus } from '../../db/schema/index.ts';
import { invitation, meeting, organisation, person, personRole, role } from '../../db/schema/index.ts';
import { commandLineActor } from '../../server/accounts/accounts.ts';
import { createAgreement } from '../../server/outcomes/agreements.ts';
import { putAttendance } from '../../server/outcomes/attendance.ts';
import { createBarrier } from '../../server/outcomes/barriers.ts';
import { putMapping } from '../../server/outcomes/mappings.ts';
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

/**
 * A district's two years of outcomes, written through the domain functions: 2026 and 2027 meetings
 * of Fyns Politi with attendance, mappings, barriers (one resolved) and agreements; one hostile
 * title to prove CSV and HTML neutralise it.
 */
export function seedFynOutcomes(db: Db) {
  const actor = commandLineActor;
  const m2026 = insertMeeting(db, {
    districtCode: '1465',
    startsAt: '2026-03-10T08:00:00Z',
    venueName: 'Odense Rådhus',
  });
  const m2027 = insertMeeting(db, {
    districtCode: '1465',
    startsAt: '2027-03-12T08:30:00Z',
    venueName: 'Børnehus Syd, Ærø-salen',
  });
  const chief = insertPerson(db, {
    name: 'Søren Ørsted',
    email: 'soeren@odense.dk',
    orgKind: 'municipality',
    orgCode: '461',
    roles: ['boerne-ungechef'],
  });
  const worker = insertPerson(db, {
    name: 'Åse Æbelø',
    email: 'aase@assens.dk',
    orgKind: 'municipality',
    orgCode: '420',
    roles: ['kommunal-sagsbehandler'],
  });
  const officer = insertPerson(db, {
    name: 'Pia Politi',
    email: 'pia@politi.dk',
    orgKind: 'police_district',
    orgCode: '1465',
    roles: ['sektionsleder'],
  });
  putAttendance(db, actor, m2026, { version: 0, personIds: [chief] });
  putAttendance(db, actor, m2027, { version: 0, personIds: [chief, worker, officer] });
  putMapping(db, actor, '1465', 2026, {
    version: 0,
    forumLevel: 'single_municipalities',
    strengths: [],
    challenges: [],
    wishes: [],
  });
  putMapping(db, actor, '1465', 2027, {
    version: 0,
    forumLevel: 'all_municipalities',
    strengths: ['Faste kontaktpersoner på begge sider'],
    challenges: ['Ventetid under efterforskningen'],
    wishes: ['Fælles skabelon til anmeldelser'],
    notes: 'Forum for alle kommuner oprettet i år',
  });
  const waiting = createBarrier(db, actor, {
    districtCode: '1465',
    category: 'investigation_waiting_time',
    description: 'Lang ventetid før børnesamtalen',
    allMunicipalities: true,
    raisedAtMeetingId: m2026,
  });
  const talks = createBarrier(db, actor, {
    districtCode: '1465',
    category: 'talks_with_child',
    description: 'Uklart hvornår kommunen må tale med forældrene',
    allMunicipalities: false,
    municipalityCodes: ['461'],
    raisedAtMeetingId: m2027,
  });
  db.$client
    .prepare("UPDATE barrier SET status = 'resolved', resolved_on = '2027-03-12' WHERE id = ?")
    .run(waiting.id);
  createAgreement(db, actor, {
    districtCode: '1465',
    type: 'samarbejdsaftale',
    title: 'Samarbejdsaftale om børnesager på Fyn',
    text: 'Parterne aftaler …',
    allMunicipalities: true,
    agreedAtMeetingId: m2027,
    status: 'in_force',
    reviewOn: '2028-03-01',
    contactPersonIds: [officer, chief],
    barrierIds: [talks.id],
  });
  createAgreement(db, actor, {
    districtCode: '1465',
    type: 'skabelon_til_anmeldelse',
    title: '=HYPERLINK("http://evil.example","Klik") <script>alert(1)</script>',
    text: '',
    allMunicipalities: false,
    municipalityCodes: ['420', '461'],
    agreedOn: '2026-03-10',
    status: 'in_force',
    reviewOn: '2027-06-01',
  });
  createAgreement(db, actor, {
    districtCode: '1460',
    type: 'kontaktaftale',
    title: 'Kontaktaftale Nordjylland',
    text: '',
    allMunicipalities: true,
    agreedOn: '2027-02-01',
    status: 'agreed',
  });
  return { m2026, m2027, chief, worker, officer };
}
