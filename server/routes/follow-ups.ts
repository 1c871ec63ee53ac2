import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.ts';
import { Problem } from '../http/problems.ts';
import { listFollowUps, queueFollowUpReminders } from '../outcomes/follow-ups.ts';
import { DistrictCode, FollowUpList, FollowUpQuery, FollowUpSendResult } from '../outcomes/schemas.ts';

const tags = ['outcomes'];

const followUps: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/follow-ups',
    { schema: { tags, querystring: FollowUpQuery, response: { 200: FollowUpList } } },
    async (request) =>
      listFollowUps(app.db, {
        windowDays: request.query.windowDays ?? app.config.FOLLOW_UP_WINDOW_DAYS,
        district: request.query.district,
      }),
  );
  app.post(
    '/api/follow-ups/send',
    {
      schema: {
        tags,
        body: z.strictObject({ district: DistrictCode.optional() }).nullish(),
        response: { 200: FollowUpSendResult, 400: Problem },
      },
    },
    async (request) =>
      app.db.transaction(() => {
        const result = queueFollowUpReminders(app.db, app.config, new Date(), {
          district: request.body?.district,
        });
        recordAudit(app.db, request.actor, { action: 'send', entity: 'follow_up', changes: result });
        return result;
      }),
  );
};
export default followUps;
