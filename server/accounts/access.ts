import type { AccountRole, ProgrammeRole } from '../../db/schema/index.ts';
import type { DbOrTx } from '../../db/statements.ts';
import { HttpProblem, notFound } from '../http/problems.ts';
import type { Actor } from './accounts.ts';
import {
  membershipsOf,
  type ProgrammeName,
  programmeByKey,
  programmeIdOfAreaKind,
  programmeNamed,
  programmesOfRecord,
  type ScopedRecord,
} from './queries/scope.ts';

/**
 * The one place that decides what an account may see and change, programme by programme. A platform
 * admin (and the command line) sees every programme; a facilitator or viewer only those they are
 * given, with the role given there. Records of other programmes are answered as not found (their
 * existence is not revealed); a programme asked for by name, which every account can list, is refused
 * with a 403 naming it.
 */

/** 'all' for platform admins; otherwise the account's programmes and its role in each. */
export type ProgrammeScope = 'all' | ReadonlyMap<number, ProgrammeRole>;
export type Need = 'read' | 'write';

/** The actor of a signed-in account: its platform role and its programmes, read once per request. */
export function actorOf(db: DbOrTx, row: { id: number; email: string; role: AccountRole }): Actor {
  if (row.role === 'admin') return { id: row.id, email: row.email, role: 'admin', programmes: 'all' };
  const programmes = new Map(membershipsOf(db, row.id).map((m) => [m.programmeId, m.role] as const));
  // the role the coarse checks see: facilitator if the account may change anything anywhere
  const role = [...programmes.values()].includes('facilitator') ? 'facilitator' : 'viewer';
  return { id: row.id, email: row.email, role, programmes };
}

/** The programmes the actor may read, or null for all of them (a platform admin). */
export function programmesOf(actor: Actor | null): number[] | null {
  if (!actor) return [];
  if (actor.programmes === 'all') return null;
  return [...actor.programmes.keys()];
}

/** The programmes the actor may change, or null for all of them. */
export function writableProgrammesOf(actor: Actor | null): number[] | null {
  if (!actor) return [];
  if (actor.programmes === 'all') return null;
  return [...actor.programmes].filter(([, role]) => role === 'facilitator').map(([id]) => id);
}

/** Whether a record belongs to one of `programmes` (null: every record does). */
export function recordInProgrammes(
  db: DbOrTx,
  programmes: number[] | null,
  kind: ScopedRecord,
  id: number,
): boolean {
  if (programmes === null) return true;
  return (programmesOfRecord(db, kind, id) ?? []).some((p) => programmes.includes(p));
}

/** As programmesOf, as a JSON array bound to `:programmes` in list statements (NULL = all). */
export function scopeParam(actor: Actor | null): string | null {
  const ids = programmesOf(actor);
  return ids === null ? null : JSON.stringify(ids);
}

export function mayRead(actor: Actor | null, programmeId: number): boolean {
  if (!actor) return false;
  return actor.programmes === 'all' || actor.programmes.has(programmeId);
}

export function mayWrite(actor: Actor | null, programmeId: number): boolean {
  if (!actor) return false;
  return actor.programmes === 'all' || actor.programmes.get(programmeId) === 'facilitator';
}

/** A programme the account is not given (or given only to look at, for a write). */
export class ProgrammeRefused extends HttpProblem {
  constructor(
    readonly programme: ProgrammeName,
    readonly needed: Need,
  ) {
    super(
      403,
      'Forbidden',
      needed === 'write'
        ? `Your account may not change the programme ${programme.key} (${programme.name}); it needs the facilitator role there`
        : `Your account has no access to the programme ${programme.key} (${programme.name})`,
      undefined,
      { programme: programme.key },
    );
  }
}

/** Refuses unless the actor may read (or write) the programme named by id. */
export function assertProgrammeAccess(
  db: DbOrTx,
  actor: Actor | null,
  programmeId: number,
  need: Need,
): void {
  if (need === 'read' ? mayRead(actor, programmeId) : mayWrite(actor, programmeId)) return;
  const named = programmeNamed(db, programmeId);
  throw new ProgrammeRefused(named ?? { id: programmeId, key: String(programmeId), name: '' }, need);
}

/** Refuses a programme named by key that the actor is not given; an unknown key is left to the caller. */
export function assertProgrammeKeyAccess(db: DbOrTx, actor: Actor | null, key: string, need: Need): void {
  const found = programmeByKey(db, key);
  if (found) assertProgrammeAccess(db, actor, found.id, need);
}

/** The programme of that key if the actor may read (or write) it; an unknown key is a 404. */
export function programmeForKey(db: DbOrTx, actor: Actor | null, key: string, need: Need): ProgrammeName {
  const found = programmeByKey(db, key);
  if (!found) throw notFound('Programme', key);
  assertProgrammeAccess(db, actor, found.id, need);
  return found;
}

/** Refuses a change over a kind of area (planning a year, a new area) unless its programme allows it. */
export function assertAreaKindAccess(db: DbOrTx, actor: Actor | null, kind: string): void {
  if (actor?.programmes === 'all') return;
  const programmeId = programmeIdOfAreaKind(db, kind);
  // a kind no programme convenes yet is the shared register's, open to every facilitator
  if (programmeId !== undefined) assertProgrammeAccess(db, actor, programmeId, 'write');
}

/**
 * Checks a record against the actor's programmes. A record the actor may not read is not found (404,
 * as if it did not exist); one it may read but not change is a 403 naming the programme. A record of
 * no programme (an organisation or person not yet in any programme's area, an area of a kind no
 * programme convenes: the shared register's unassigned part) is open to every account, so a
 * facilitator can create one and then place it; an outbox message of no meeting is the exception
 * (mail to anyone: platform admins only). A record that does not exist is left to the route, which
 * answers its own 404.
 */
export function assertRecordAccess(
  db: DbOrTx,
  actor: Actor | null,
  kind: ScopedRecord,
  id: number | string,
  need: Need,
  what = kind,
): void {
  if (actor?.programmes === 'all') return;
  const programmes = programmesOfRecord(db, kind, id);
  if (programmes === undefined) return;
  if (programmes.length === 0) {
    if (kind === 'outbox') throw notFound(label(what), id);
    return;
  }
  const readable = programmes.filter((p) => mayRead(actor, p));
  if (readable.length === 0) throw notFound(label(what), id);
  if (need === 'write' && !readable.some((p) => mayWrite(actor, p)))
    assertProgrammeAccess(db, actor, readable[0]!, 'write');
}

/** Whether assertRecordAccess would let the actor through (for choices offered on a page). */
export function mayAccessRecord(
  db: DbOrTx,
  actor: Actor | null,
  kind: ScopedRecord,
  id: number | string,
  need: Need,
): boolean {
  try {
    assertRecordAccess(db, actor, kind, id, need);
    return true;
  } catch (error) {
    if (error instanceof HttpProblem) return false;
    throw error;
  }
}

function label(kind: string): string {
  const words = kind.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
