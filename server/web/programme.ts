import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFound } from '../http/problems.ts';
import { DANISH_PROGRAMME_KEY, programmesForAccount } from '../programmes/programmes.ts';
import type { ProgrammeRow } from '../programmes/queries.ts';

/**
 * Which programme the pages show. A link or the switcher names one with `?programme=KEY`; the
 * choice is kept in a cookie, so the addresses that name none (every address before programmes)
 * keep meaning the Danish politikredsmøder until the facilitator chooses another.
 */
export const PROGRAMME_COOKIE = 'samraad_programme';

export interface PageProgramme {
  /** The programme in view. */
  current: ProgrammeRow;
  /** What the switcher offers: the programmes the account works in. */
  choices: ProgrammeRow[];
}

const resolved = new WeakMap<FastifyRequest, PageProgramme>();

const askedKey = (request: FastifyRequest): string | undefined => {
  const asked = (request.query as { programme?: unknown } | undefined)?.programme;
  return typeof asked === 'string' && asked ? asked : undefined;
};

/** The programme in view: the one asked for, else the one chosen before, else the Danish one. */
export function pageProgramme(request: FastifyRequest): PageProgramme {
  const known = resolved.get(request);
  if (known) return known;
  const choices = programmesForAccount(request.server.db, request.actor ?? null);
  const wanted = askedKey(request) ?? request.cookies[PROGRAMME_COOKIE];
  const current =
    choices.find((p) => p.key === wanted) ??
    choices.find((p) => p.key === DANISH_PROGRAMME_KEY) ??
    choices[0];
  if (!current) throw new NotFound('Programme', DANISH_PROGRAMME_KEY);
  const result = { current, choices };
  resolved.set(request, result);
  return result;
}

/**
 * Keeps a programme named in the address for the next pages; an unknown one (or one the account
 * does not work in) is a page that does not exist, not a silent switch to another programme.
 */
export function rememberAskedProgramme(request: FastifyRequest, reply: FastifyReply): void {
  const asked = askedKey(request);
  if (!asked) return;
  const { current } = pageProgramme(request);
  if (current.key !== asked) throw new NotFound('Programme', asked);
  if (request.cookies[PROGRAMME_COOKIE] === asked) return;
  reply.setCookie(PROGRAMME_COOKIE, asked, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.server.config.PUBLIC_URL.startsWith('https:'),
    path: '/',
    maxAge: 365 * 86_400,
  });
}

/** Whether the page shows the Danish programme: its pages keep the politikredse's own words. */
export const isDanishProgramme = (programme: ProgrammeRow): boolean => programme.key === DANISH_PROGRAMME_KEY;
