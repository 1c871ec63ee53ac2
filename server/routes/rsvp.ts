import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { freshSince } from '../../db/statements.ts';
import { delegateInvitation } from '../answers/delegation.ts';
import { AnswersClosed } from '../answers/refusals.ts';
import { inviteeActor } from '../answers/responses.ts';
import { answerPageOfLink, answerThroughLink, inviteeOfLink, rsvpView } from '../answers/rsvp.ts';
import { AnswerChoice, AnswerInput, AnswerState, DelegationInput, RsvpView } from '../answers/schemas.ts';
import { Problem } from '../http/problems.ts';
import { Text } from '../http/text.ts';
import { utf8Bytes } from '../http/utf8.ts';
import { writeTogether } from '../http/write-together.ts';
import type { SessionAnswer } from '../meeting-sessions/answers.ts';
import { sessionRefusalText } from '../meeting-sessions/refusal-text.ts';
import { SessionRefusal } from '../meeting-sessions/refusals.ts';
import { catalogueFor } from '../text/messages.ts';
import { linkNotFoundPage, rsvpPage } from '../web/rsvp/page.ts';

const tags = ['answers'];
const TokenParams = z.strictObject({ token: z.string().max(200) });

export function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

export function isForm(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

/** Unknown, tampered, expired or withdrawn: always the same answer. */
function linkNotFound(request: FastifyRequest, reply: FastifyReply) {
  reply.code(404).header('cache-control', 'no-store');
  if (wantsJson(request))
    return reply
      .type('application/problem+json; charset=utf-8')
      .serializer(JSON.stringify)
      .send({ type: 'about:blank#not-found', title: 'Not Found', status: 404 });
  return sendHtml(reply, linkNotFoundPage);
}

/**
 * HTML beside the JSON the route's schema describes: sent as is, never through the serializer.
 * Encoded here once: a page with a dash in it is a two-byte string, which as a string is measured,
 * copied onto the headers and encoded again on its way out.
 */
export function sendHtml(reply: FastifyReply, html: string) {
  return reply.type('text/html; charset=utf-8').send(utf8Bytes(html));
}

/** The token is in the address: keep it out of caches, referrers and search engines. */
export function privatePage(reply: FastifyReply) {
  return reply
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-robots-tag', 'noindex');
}

/**
 * An answer's state with its seat, as the answer POST sends it: written out key by key, as a spread
 * copy with a key added is an object the response serialiser reads slowly (missed inline caches:
 * 1.07 → 0.21 µs a response, measured).
 */
export function answerWithSeat({ answer, seat }: SessionAnswer): AnswerState {
  return {
    invitationId: answer.invitationId,
    response: answer.response,
    askedAgain: answer.askedAgain,
    comment: answer.comment,
    respondedAt: answer.respondedAt,
    waitlisted: answer.waitlisted,
    waitlistPosition: answer.waitlistPosition,
    delegatedTo: answer.delegatedTo,
    seat,
    dietaryNeeds: answer.dietaryNeeds,
    accessibilityNeeds: answer.accessibilityNeeds,
    replyBy: answer.replyBy,
    late: answer.late,
  };
}

/** The invitee's answer page, reached from the links in the invitation email. */
// Long only because it registers each of the resource's routes; every handler is a line or two.
const rsvp: FastifyPluginAsyncZod = async (app) => {
  // the link is the credential: limit guessing and hammering per client address
  const rateLimit = { max: app.config.RSVP_RATE_LIMIT, timeWindow: '1 minute' };

  app.get(
    '/rsvp/:token',
    {
      config: { access: 'public', rateLimit },
      onSend: writeTogether,
      schema: {
        tags,
        summary: 'The answer page of one invitation (HTML; JSON with Accept: application/json)',
        params: TokenParams,
        // a mangled hint in a mailed link should not cost the invitee the page: unknown values are ignored
        querystring: z.object({
          answer: Text('code').optional().describe('Preselects an answer'),
          session: Text('code')
            .optional()
            .describe('Preselects a session (the invitation links one per session)'),
        }),
        response: { 200: RsvpView, 404: Problem },
      },
    },
    // synchronous: the page is read and rendered without waiting, and an async handler (or a returned
    // reply, which fastify awaits as a thenable) costs promises and listeners on every page
    (request, reply) => {
      // the meeting's facts, kept while the database is unchanged, checked once for the requests of a turn
      const view = freshSince(app.db, request.receivedAt, () =>
        answerPageOfLink(app.db, request.params.token),
      );
      if (view === null) {
        linkNotFound(request, reply);
        return;
      }
      privatePage(reply);
      if (wantsJson(request)) return view;
      // parsed only when given: most links carry no hint, and a refused parse builds an error (~1 µs)
      const hint =
        request.query.answer === undefined ? undefined : AnswerChoice.safeParse(request.query.answer);
      // a session link only preselects: mail scanners follow links, so a choice is always a POST
      const session = Number(request.query.session);
      sendHtml(
        reply,
        rsvpPage(view, {
          token: request.params.token,
          preselect: hint?.success ? hint.data : undefined,
          preselectSession: Number.isSafeInteger(session) ? session : undefined,
        }),
      );
    },
  );

  app.post(
    '/rsvp/:token',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags,
        summary: 'Record or change the answer (form or JSON); answers HTML for forms, JSON otherwise',
        params: TokenParams,
        body: AnswerInput,
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        response: { 200: AnswerState, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const { token } = request.params;
      let result: SessionAnswer | null;
      try {
        // group commit: the answers arriving together share one commit, which cost more than an answer
        result = await app.writes.run(() => answerThroughLink(app.db, app.config, token, request.body));
      } catch (error) {
        if (!isForm(request)) throw error;
        // refused with the link valid: read again to show the page (null only if it ended since)
        const invitee = inviteeOfLink(app.db, token);
        if (invitee === null) return linkNotFound(request, reply);
        const { invitationId } = invitee;
        // a refused session choice is said on the page, in the invitee's language, beside the choices
        if (error instanceof SessionRefusal) {
          const view = rsvpView(app.db, invitationId);
          reply.code(error.status as 400 | 409);
          privatePage(reply);
          return sendHtml(
            reply,
            rsvpPage(view, {
              token: request.params.token,
              refused: sessionRefusalText(view.language, error.fault),
            }),
          );
        }
        // a cancelled or past meeting: the page says why, in the invitee's language, and nothing changed
        if (!(error instanceof AnswersClosed)) throw error;
        const view = rsvpView(app.db, invitationId);
        const closed = catalogueFor(view.language).replyAndNeeds.closed[error.reason];
        return sendHtml(
          privatePage(reply).code(409),
          rsvpPage(view, { token: request.params.token, closed }),
        );
      }
      if (result === null) return linkNotFound(request, reply);
      const state = answerWithSeat(result);
      privatePage(reply);
      if (!isForm(request)) return state;
      // the page states the answer (and any waiting-list place) right after this
      const view = rsvpView(app.db, result.answer.invitationId);
      const texts = catalogueFor(view.language);
      return sendHtml(
        reply,
        rsvpPage(view, {
          token: request.params.token,
          saved: view.sessions ? texts.sessions.page.chosen : texts.answerPage.saved,
        }),
      );
    },
  );

  app.post(
    '/rsvp/:token/delegate',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags,
        summary: 'Pass the invitation to a colleague (name and email); they get an invitation of their own',
        params: TokenParams,
        body: DelegationInput,
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        response: { 200: AnswerState, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const invitee = inviteeOfLink(app.db, request.params.token);
      if (invitee === null) return linkNotFound(request, reply);
      const { invitationId } = invitee;
      const result = delegateInvitation(
        app.db,
        inviteeActor(invitee.email, 'link'),
        app.config,
        invitationId,
        request.body,
      );
      privatePage(reply);
      if (!isForm(request)) return result.answer;
      const view = rsvpView(app.db, invitationId);
      return sendHtml(
        reply,
        rsvpPage(view, {
          token: request.params.token,
          saved: catalogueFor(view.language).answerPage.delegateSaved(request.body.name),
        }),
      );
    },
  );
};
export default rsvp;
