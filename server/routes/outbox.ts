import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeParam } from '../accounts/access.ts';
import { IdParams } from '../http/common-schemas.ts';
import { Problem } from '../http/problems.ts';
import { platformAddress } from '../invitations/queue-mail.ts';
import {
  getOutboxMessage,
  listOutbox,
  OutboxList,
  OutboxMessage,
  OutboxQuery,
  outboxRaw,
  retryOutboxMessage,
} from '../mail/outbox-admin.ts';

const tags = ['outbox'];

/** Every email the platform sends, its delivery state, its source, and re-sending of failed ones. */
const outbox: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/outbox',
    { schema: { tags, querystring: OutboxQuery, response: { 200: OutboxList } } },
    async (request) => listOutbox(app.db, request.query, scopeParam(request.actor)),
  );

  app.get(
    '/api/outbox/:id',
    { schema: { tags, params: IdParams, response: { 200: OutboxMessage, 404: Problem } } },
    async (request) => getOutboxMessage(app.db, request.params.id),
  );

  app.get(
    '/api/outbox/:id/raw',
    {
      // a captured message holds live answer links: facilitators only
      config: { access: 'editor' },
      schema: {
        tags,
        summary: 'The full RFC 822 source of the message',
        params: IdParams,
        produces: ['message/rfc822'],
        response: { 200: z.string(), 404: Problem },
      },
    },
    async (request, reply) => {
      const raw = await outboxRaw(app.db, request.params.id, platformAddress(app.config));
      return reply
        .type('message/rfc822')
        .header('content-disposition', `inline; filename="${request.params.id}.eml"`)
        .send(raw);
    },
  );

  app.post(
    '/api/outbox/:id/retry',
    { schema: { tags, params: IdParams, response: { 200: OutboxMessage, 404: Problem, 409: Problem } } },
    async (request) => {
      return retryOutboxMessage(app.db, request.actor!, request.params.id);
    },
  );
};
export default outbox;
