import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyError, FastifyInstance } from 'fastify';
import { csrfTokenFor, csrfTokenMatches, SESSION_COOKIE } from '../accounts/sessions.ts';
import { named } from '../http/plugin-name.ts';
import { NotFound, WebRefusal } from '../http/problems.ts';
import { catalogueFor } from '../text/messages.ts';
import { ASSETS, dkfdsDist, ownAssetsDir } from './asset-urls.ts';
import { errorPage, type FormBody, sendPage } from './context.ts';
import accountPages from './pages/account.ts';
import adminCataloguePages from './pages/admin-catalogues.ts';
import adminProgrammeFilePages from './pages/admin-programme-file.ts';
import adminProgrammePages from './pages/admin-programmes.ts';
import afterMeetingPages from './pages/after-meeting.ts';
import dateAgreementPages from './pages/date-agreements.ts';
import districtPages from './pages/districts.ts';
import evaluationPages from './pages/evaluations.ts';
import extraMeetingPages from './pages/extra-meeting.ts';
import loginPages from './pages/login.ts';
import meetingPages from './pages/meetings.ts';
import oidcPages from './pages/oidc.ts';
import organisationPages from './pages/organisations.ts';
import outboxPages from './pages/outbox.ts';
import overviewPages from './pages/overview.ts';
import peoplePages from './pages/people.ts';
import planningPages from './pages/planning.ts';
import reportPages from './pages/reports.ts';
import venuePages from './pages/venues.ts';
import { rememberAskedProgramme } from './programme.ts';
import { pageRefusal } from './refusals.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: the route checks its own form token (the login form, before any session exists). */
    csrf?: boolean;
  }
}

/**
 * DKFDS's and our own assets, and the icon browsers ask for at /favicon.ico. The pages link them
 * under ASSETS, whose name changes with their content: kept a year and never asked for again.
 * The addresses without it stay for pages and bookmarks from before, checked on every use.
 */
async function assets(app: FastifyInstance) {
  const year = { maxAge: '365d', immutable: true };
  for (const [prefix, caching] of [
    [ASSETS, year],
    ['/assets', {}],
  ] as const) {
    await app.register(fastifyStatic, {
      root: dkfdsDist,
      prefix: `${prefix}/dkfds/`,
      index: false,
      decorateReply: prefix === ASSETS,
      ...caching,
    });
    await app.register(fastifyStatic, {
      root: ownAssetsDir,
      prefix: `${prefix}/samraad/`,
      decorateReply: false,
      index: false,
      ...caching,
    });
  }
  // browsers ask for /favicon.ico on every fresh visit; the pages also declare the SVG icon
  const favicon = readFileSync(join(ownAssetsDir, 'favicon.svg'));
  app.get('/favicon.ico', async (_request, reply) =>
    reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(favicon),
  );
}

/** What every page request passes: decimal ids, the form token on posts; answers are never cached. */
function guards(app: FastifyInstance) {
  // ids in page addresses are decimal digits only: /personer/0x10 is not person 16
  app.addHook('onRequest', async (request) => {
    for (const [name, value] of Object.entries((request.params ?? {}) as Record<string, string>))
      if (/id$/i.test(name) && !/^[0-9]{1,16}$/.test(value)) throw new NotFound('Page', value);
  });

  // Every form post carries the session's token; a page from another site cannot know it.
  app.addHook('preHandler', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD') return;
    if (request.routeOptions.config.csrf === false) return;
    const session = request.cookies[SESSION_COOKIE];
    const sent = (request.body as FormBody | undefined)?._csrf ?? request.headers['x-csrf-token'];
    if (!session || !csrfTokenMatches(csrfTokenFor(session), Array.isArray(sent) ? sent[0] : sent))
      throw new WebRefusal(403, catalogueFor('da').refusal.formExpired);
  });

  // ?programme=KEY on any page switches the programme in view and keeps it for the next pages
  app.addHook('preHandler', async (request, reply) => rememberAskedProgramme(request, reply));

  // the security headers come from plugins/security-headers.ts; pages are never cached
  app.addHook('onSend', async (_request, reply, payload) => {
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html'))
      reply.header('cache-control', 'no-store');
    return payload;
  });
}

/** Refusals in Danish, worded once in pageRefusal; the API's English never reaches a page. */
function errorPages(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const refusal = pageRefusal(error);
    if (refusal.status === 401) {
      const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
      return reply.redirect(`/login${next}`, 303);
    }
    if (refusal.status >= 500) request.log.error({ err: error }, 'page failed');
    if (refusal.status === 429) reply.header('retry-after', '60');
    return sendPage(reply, errorPage(request, refusal), refusal.status);
  });
}

/** The facilitators' pages: DKFDS assets, form tokens, HTML errors and the page groups. */
export default async function web(app: FastifyInstance) {
  // Pages are not part of the API contract: keep them out of the OpenAPI document.
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, hide: true };
  });
  await assets(app);
  guards(app);
  errorPages(app);
  const pages = [
    loginPages,
    ...(app.config.OIDC_ISSUER ? [oidcPages] : []),
    overviewPages,
    dateAgreementPages,
    districtPages,
    afterMeetingPages,
    planningPages,
    extraMeetingPages,
    meetingPages,
    evaluationPages,
    peoplePages,
    organisationPages,
    outboxPages,
    reportPages,
    venuePages,
    accountPages,
    adminProgrammeFilePages,
    adminProgrammePages,
    adminCataloguePages,
  ];
  for (const plugin of pages) await app.register(named(plugin));
}
