import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { programmesOf, writableProgrammesOf } from '../accounts/access.ts';
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
        programmes: programmesOf(request.actor),
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
    async (request) => {
      const result = app.db.transaction(() => {
        const queued = queueFollowUpReminders(app.db, app.config, new Date(), {
          district: request.body?.district,
          // reminders go out for the programmes the account may change only
          programmes: writableProgrammesOf(request.actor),
        });
        recordAudit(app.db, request.actor, { action: 'send', entity: 'follow_up', changes: queued });
        return queued;
      });
      return result;
    },
  );
};
export default followUps;
