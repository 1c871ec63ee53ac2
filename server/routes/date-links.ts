import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { confirmDate, counterPropose, dateLinkView } from '../dates/answers.ts';
import { contactOfLink } from '../dates/links.ts';
import { DateRefused } from '../dates/refusals.ts';
import { CounterProposalInput, DateLinkView } from '../dates/schemas.ts';
import { HttpProblem, Problem } from '../http/problems.ts';
import { RuleViolationSchema } from '../planning/schemas.ts';
import { catalogueFor } from '../text/messages.ts';
import { dateLinkNotFoundPage, dateLinkPage } from '../web/dates/link-page.ts';

const tags = ['dates'];
const TokenParams = z.strictObject({ token: z.string().max(200) });
const DateRefusedProblem = Problem.extend({ violations: z.array(RuleViolationSchema).optional() });

/** The form of the page: which button, and the other date's fields as typed (checked by CounterProposalInput). */
const DateLinkForm = z.object({
  handling: z.enum(['bekraeft', 'andendato']),
  date: z.string().max(20).optional(),
  startTime: z.string().max(10).optional(),
  endTime: z.string().max(10).optional(),
  note: z.string().max(2000).optional(),
});

/** Unknown or tampered: always the same answer. */
function notFound(reply: FastifyReply, html: boolean) {
  reply.code(404).header('cache-control', 'no-store');
  if (html) return reply.type('text/html; charset=utf-8').send(dateLinkNotFoundPage);
  return reply
    .type('application/problem+json; charset=utf-8')
    .serializer(JSON.stringify)
    .send({ type: 'about:blank#not-found', title: 'Not Found', status: 404 });
}

/** The token is in the address: keep it out of caches, referrers and search engines. */
function privatePage(reply: FastifyReply) {
  return reply
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-robots-tag', 'noindex');
}

/** What a form left empty is not sent. */
function typedInput(form: z.infer<typeof DateLinkForm>) {
  return Object.fromEntries(
    Object.entries({
      date: form.date,
      startTime: form.startTime,
      endTime: form.endTime,
      note: form.note,
    }).filter(([, v]) => v !== undefined && v.trim() !== ''),
  );
}

/**
 * The district's and host's contacts answer a date proposal from the link in its email: a page
 * (/datoforslag/:token) and the same as JSON (/api/date-links/:token). The link is the credential.
 */
// Long only because it registers each of the resource's routes; every handler is a line or two.
const dateLinks: FastifyPluginAsyncZod = async (app) => {
  const rateLimit = { max: app.config.RSVP_RATE_LIMIT, timeWindow: '1 minute' };
  const config = { access: 'public' as const, rateLimit };

  app.get(
    '/api/date-links/:token',
    {
      config,
      schema: {
        tags,
        summary: 'The proposal a date link belongs to',
        params: TokenParams,
        response: { 200: DateLinkView, 404: Problem },
      },
    },
    async (request, reply) => {
      const contact = contactOfLink(app.db, request.params.token);
      if (!contact) return notFound(reply, false);
      privatePage(reply);
      return dateLinkView(app.db, contact);
    },
  );

  app.post(
    '/api/date-links/:token/confirm',
    {
      config,
      schema: {
        tags,
        summary: 'Confirm the proposed date; once every organisation asked has, the date is agreed',
        params: TokenParams,
        response: { 200: DateLinkView, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const contact = confirmDate(app.db, request.params.token);
      if (!contact) return notFound(reply, false);
      privatePage(reply);
      return dateLinkView(app.db, contact);
    },
  );

  app.post(
    '/api/date-links/:token/counter',
    {
      config,
      schema: {
        tags,
        summary:
          "Propose another date; checked against the programme's rules (409 naming the rule), then it waits for the facilitator",
        params: TokenParams,
        body: CounterProposalInput,
        response: { 200: DateLinkView, 400: Problem, 404: Problem, 409: DateRefusedProblem },
      },
    },
    async (request, reply) => {
      const done = counterPropose(app.db, request.params.token, request.body);
      if (!done) return notFound(reply, false);
      privatePage(reply);
      return dateLinkView(app.db, done.contact);
    },
  );

  app.get(
    '/datoforslag/:token',
    { config, schema: { hide: true, params: TokenParams } },
    async (request, reply) => {
      const contact = contactOfLink(app.db, request.params.token);
      if (!contact) return notFound(reply, true);
      privatePage(reply);
      return reply
        .type('text/html; charset=utf-8')
        .send(dateLinkPage(dateLinkView(app.db, contact), { token: request.params.token }));
    },
  );

  app.post(
    '/datoforslag/:token',
    { config, schema: { hide: true, params: TokenParams, body: DateLinkForm } },
    async (request, reply) => {
      const { token } = request.params;
      const contact = contactOfLink(app.db, token);
      if (!contact) return notFound(reply, true);
      const t = catalogueFor(contact.language).dates.page;
      privatePage(reply).type('text/html; charset=utf-8');
      const page = (options: Parameters<typeof dateLinkPage>[1], status = 200) =>
        reply
          .code(status)
          .send(dateLinkPage(dateLinkView(app.db, contactOfLink(app.db, token) ?? contact), options));
      try {
        if (request.body.handling === 'bekraeft') {
          confirmDate(app.db, token);
          return page({ token, saved: t.confirmed });
        }
        const input = CounterProposalInput.safeParse(typedInput(request.body));
        if (!input.success) return page({ token, refused: [t.badInput], typed: request.body }, 400);
        const done = counterPropose(app.db, token, input.data)!;
        const view = dateLinkView(app.db, done.contact);
        return page({
          token,
          saved: t.countered(`${input.data.date} ${view.counterProposal?.localStartTime ?? ''}`.trim()),
        });
      } catch (error) {
        if (error instanceof DateRefused)
          return page(
            {
              token,
              refused: error.violations.map((v) => catalogueFor(contact.language).planning.rule(v)),
              typed: request.body,
            },
            409,
          );
        if (error instanceof HttpProblem && error.status === 400)
          return page({ token, refused: [t.badInput], typed: request.body }, 400);
        // superseded or closed: the page says so
        if (error instanceof HttpProblem && error.status === 409) return page({ token }, 409);
        throw error;
      }
    },
  );
};
export default dateLinks;
