import type { FastifyRequest } from 'fastify';
import { accountLanguage } from '../accounts/accounts.ts';
import { programmeTextLanguage } from '../programmes/programmes.ts';
import type { Catalogue } from '../text/catalogue.ts';
import type { Language } from '../text/language.ts';
import { catalogueFor } from '../text/messages.ts';
import { pageProgramme } from './programme.ts';

const chosen = new WeakMap<FastifyRequest, Language>();

/**
 * The language of the pages: the one the account chose on its own page, else the language of the
 * programme in view (its texts: Nynorsk reads bokmål), else Danish.
 */
export function pageLanguage(request: FastifyRequest): Language {
  const known = chosen.get(request);
  if (known) return known;
  const db = request.server.db;
  const accountId = request.actor?.id;
  const language =
    (accountId ? accountLanguage(db, accountId) : null) ??
    programmeTextLanguage(db, pageProgramme(request).current);
  chosen.set(request, language);
  return language;
}

/** The catalogue the page is written from. */
export const pageCatalogue = (request: FastifyRequest): Catalogue => catalogueFor(pageLanguage(request));
