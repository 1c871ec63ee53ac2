import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeParam } from '../accounts/access.ts';
import { listInboundReplies, receiveInboundEmail } from '../answers/itip-reply.ts';
import { InboundReply } from '../answers/schemas.ts';
import { Pagination, pageOf, QueryBoolean } from '../http/common-schemas.ts';
import { badRequest, HttpProblem, Problem } from '../http/problems.ts';
import { assertAccess } from '../plugins/authentication.ts';

const tags = ['answers'];
const MESSAGE_LIMIT = 10 * 1024 * 1024;

function sameSecret(sent: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(sent), digest(expected));
}

/**
 * A facilitator's token, or the shared secret a mail provider's forwarding webhook carries in
 * X-Inbound-Secret (INBOUND_SECRET): providers cannot hold an account's token rotation.
 */
function assertInboundAccess(request: FastifyRequest, secret: string | undefined): void {
  const sent = request.headers['x-inbound-secret'];
  if (typeof sent === 'string' && secret) {
    if (sameSecret(sent, secret)) return;
    throw new HttpProblem(401, 'Unauthorized', 'The inbound secret is wrong');
  }
  assertAccess(request.actor, 'editor');
}

/** Calendar replies sent to the organizer address, forwarded as raw email. */
const inbound: FastifyPluginAsyncZod = async (app) => {
  app.addContentTypeParser(
    'message/rfc822',
    { parseAs: 'buffer', bodyLimit: MESSAGE_LIMIT },
    (_r, body, done) => done(null, body),
  );

  app.post(
    '/api/inbound/email',
    {
      bodyLimit: MESSAGE_LIMIT,
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Receive one raw email (message/rfc822) with an iTIP REPLY and record the answers in it',
        description:
          'For mail providers that forward inbound mail. Authorised by a facilitator token or by the header X-Inbound-Secret equal to INBOUND_SECRET. Every answer in the message is kept in the inbound replies, with the reason when it matched nothing.',
        consumes: ['message/rfc822'],
        response: {
          200: z.object({ replies: z.array(InboundReply) }),
          400: Problem,
          401: Problem,
          403: Problem,
        },
      },
    },
    async (request) => {
      assertInboundAccess(request, app.config.INBOUND_SECRET);
      if (!Buffer.isBuffer(request.body) || request.body.length === 0)
        throw badRequest('Send the raw message as message/rfc822', [{ field: 'body', message: 'empty' }]);
      return { replies: await receiveInboundEmail(app.db, app.config, request.body, 'http', app.writes.run) };
    },
  );

  app.get(
    '/api/inbound/replies',
    {
      schema: {
        tags,
        summary: 'Calendar replies received, newest first (unmatched=true: those that matched no invitation)',
        querystring: z.strictObject({ unmatched: QueryBoolean.optional(), ...Pagination }),
        response: { 200: pageOf(InboundReply) },
      },
    },
    async (request) => listInboundReplies(app.db, request.query, scopeParam(request.actor)),
  );
};
export default inbound;
