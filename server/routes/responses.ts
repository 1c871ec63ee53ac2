import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { meetingResponses } from '../answers/responses.ts';
import { MeetingGaps, MeetingResponses } from '../answers/schemas.ts';
import { IdParams } from '../http/common-schemas.ts';
import { Problem } from '../http/problems.ts';
import { meetingGaps } from '../invitations/chasing.ts';

const tags = ['answers'];

/** Who is coming: every invitee's answer, and which organisations are still missing. */
const responses: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/meetings/:id/responses',
    {
      schema: {
        tags,
        summary: "Every invitee's answer, and per organisation whether it is represented at each level",
        params: IdParams,
        response: { 200: MeetingResponses, 404: Problem },
      },
    },
    async (request) => meetingResponses(app.db, request.params.id),
  );

  app.get(
    '/api/meetings/:id/gaps',
    {
      schema: {
        tags,
        summary: 'Member organisations from which nobody has signed up, and their fixed contact person',
        params: IdParams,
        querystring: z.strictObject({
          daysBefore: z.coerce
            .number()
            .int()
            .min(0)
            .max(365)
            .optional()
            .describe('Default CHASE_DAYS_BEFORE'),
        }),
        response: { 200: MeetingGaps, 404: Problem },
      },
    },
    async (request) =>
      meetingGaps(app.db, request.params.id, request.query.daysBefore ?? app.config.CHASE_DAYS_BEFORE),
  );
};
export default responses;
