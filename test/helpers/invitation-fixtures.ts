import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import ICAL from 'ical.js';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { Db } from '../../db/client.ts';
import { meeting } from '../../db/schema/index.ts';
import { prepared } from '../../db/statements.ts';
import type { MeetingRow } from '../../server/planning/meeting-changes.ts';
import { insertPerson } from '../../server/register/people.ts';

interface Teardown {
  teardown(fn: () => unknown): void;
}

/** Planning owns meetings; these tests only need rows, inserted the way planning stores them. */
export function insertMeeting(
  db: Db,
  input: {
    districtCode: string;
    startsAt: string;
    endsAt: string;
    title?: string;
    venueName?: string | null;
    venueAddress?: string | null;
    facilitatorId?: number | null;
    audienceRoleKeys?: string[] | null;
    status?: MeetingRow['status'];
  },
): MeetingRow {
  const area = prepared(db, 'SELECT id, name FROM area WHERE seed_key = ?').get(
    `dk:area:politikreds:${input.districtCode}`,
  ) as { id: number; name: string };
  const now = new Date().toISOString();
  return db
    .insert(meeting)
    .values({
      areaId: area.id,
      title: input.title ?? `Politikredsmøde ${area.name}`,
      status: input.status ?? 'planned',
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      venueName: input.venueName ?? 'Politigården',
      venueAddress: input.venueAddress ?? 'Zahrtmannsvej 4, 3700 Rønne',
      facilitatorId: input.facilitatorId ?? null,
      audienceRoleKeys: input.audienceRoleKeys ?? null,
      icsUid: `${randomUUID()}@samraad.test`,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
}

/** Organisations of a district's area by kind: the police district, municipalities, children's houses. */
export function districtOrganisations(db: Db, code: string) {
  return prepared(
    db,
    `SELECT o.id, o.name, o.kind, am.member_role AS memberRole FROM area_member am
     JOIN area a ON a.id = am.area_id JOIN organisation o ON o.id = am.organisation_id
     WHERE a.seed_key = ? ORDER BY o.id`,
  ).all(`dk:area:politikreds:${code}`) as { id: number; name: string; kind: string; memberRole: string }[];
}

export function addPerson(
  db: Db,
  input: { name: string; email: string; organisationId: number; roles: string[]; language?: 'da' | 'en' },
): number {
  return insertPerson(db, {
    name: input.name,
    email: input.email,
    organisationId: input.organisationId,
    roles: input.roles,
    isFixedContact: false,
    language: input.language ?? 'da',
  });
}

/** Bornholms Politi (1471): the police district, Bornholm and the children's house, each with people. */
export function bornholmWithPeople(db: Db) {
  const orgs = districtOrganisations(db, '1471');
  const police = orgs.find((o) => o.kind === 'police_district')!;
  const municipality = orgs.find((o) => o.kind === 'municipality')!;
  const house = orgs.find((o) => o.kind === 'childrens_house')!;
  const people = {
    chief: addPerson(db, {
      name: 'Pia Politileder',
      email: 'pia@politi.test',
      organisationId: police.id,
      roles: ['leder-personfarlig-kriminalitet'],
    }),
    interviewer: addPerson(db, {
      name: 'Viggo Videoafhører',
      email: 'viggo@politi.test',
      organisationId: police.id,
      roles: ['videoafhoerer'],
    }),
    head: addPerson(db, {
      name: 'Birgit Børne-ungechef',
      email: 'birgit@kommune.test',
      organisationId: municipality.id,
      roles: ['boerne-ungechef'],
      language: 'en',
    }),
    houseLeader: addPerson(db, {
      name: 'Hanne Husleder',
      email: 'hanne@boernehus.test',
      organisationId: house.id,
      roles: ['leder-boernehus'],
    }),
    facilitator: addPerson(db, {
      name: 'Frida Facilitator',
      email: 'frida@facilitator.test',
      organisationId: municipality.id,
      roles: ['facilitator'],
    }),
  };
  return { police, municipality, house, people };
}

export interface ReceivedMail {
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
}

export interface TestSmtp {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Resolves when at least n messages have arrived. */
  waitFor(n: number): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 (random port) that parses what arrives with mailparser.
 * `refuse(session, count)` may return an SMTP error code to turn a message away.
 */
export async function startSmtp(
  t: Teardown,
  options: {
    refuse?: (n: number) => number | null;
    /** An SMTP error code for mail to this recipient (a mailbox the server refuses). */
    refuseTo?: (address: string) => number | null;
    delayMs?: number;
  } = {},
): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  let attempts = 0;
  const waiters: { n: number; resolve: () => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 20 * 1024 * 1024,
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const n = attempts++;
        if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
        const code =
          options.refuse?.(n) ?? options.refuseTo?.(session.envelope.rcptTo[0]?.address ?? '') ?? null;
        if (code) {
          const err = new Error(code >= 500 ? 'No such user here' : 'Try again later') as Error & {
            responseCode: number;
          };
          err.responseCode = code;
          callback(err);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          raw,
          parsed: await simpleParser(raw),
        });
        for (const w of waiters.filter((w) => received.length >= w.n)) w.resolve();
        callback();
      });
    },
  });
  // a client killed mid-message resets the connection: expected in these tests
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    waitFor: (n) =>
      received.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve })),
  };
}

/** The calendar part of a parsed mail, read with ical.js (never the project's own code). */
export function calendarOf(mail: ParsedMail): {
  method: string;
  vevent: ICAL.Component;
  root: ICAL.Component;
  text: string;
} {
  const text = mail.attachments.find((a) => a.contentType === 'text/calendar')?.content.toString('utf8');
  if (!text) throw new Error('no text/calendar part');
  const root = new ICAL.Component(ICAL.parse(text));
  return {
    method: String(root.getFirstPropertyValue('method')),
    vevent: root.getFirstSubcomponent('vevent')!,
    root,
    text,
  };
}
