import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeParam } from '../accounts/access.ts';
import { sendNeedsToHost } from '../answers/host-needs.ts';
import { IdParams } from '../http/common-schemas.ts';
import { Problem } from '../http/problems.ts';
import { createExtraMeeting } from '../planning/extra-meetings.ts';
import { confirmHost } from '../planning/host-confirmation.ts';
import { cancelMeeting, getMeeting, setMeetingStatus, updateMeeting } from '../planning/meeting-updates.ts';
import { listMeetings } from '../planning/meetings.ts';
import {
  CancelMeeting,
  HostConfirmation,
  Meeting,
  MeetingQuery,
  NewMeeting,
  RuleViolationSchema,
  SetMeetingStatus,
  UpdateMeeting,
} from '../planning/schemas.ts';

const tags = ['planning'];
const RuleConflict = Problem.extend({ violations: z.array(RuleViolationSchema).optional() });

/** Single meetings: create one outside the plan, read, move (rules checked), cancel, advance their status. */
const meetings: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/meetings',
    { schema: { tags, querystring: MeetingQuery, response: { 200: z.array(Meeting), 400: Problem } } },
    async (request) => listMeetings(app.db, request.query, scopeParam(request.actor)),
  );
  app.post(
    '/api/meetings',
    {
      schema: {
        tags,
        summary:
          "One meeting for one area outside the year's plan; a broken rule is a 409 unless force: true",
        body: NewMeeting,
        response: { 201: Meeting, 400: Problem, 409: RuleConflict },
      },
    },
    async (request, reply) =>
      reply.code(201).send(createExtraMeeting(app.db, request.actor!, app.planning, request.body)),
  );
  app.get(
    '/api/meetings/:id',
    { schema: { tags, params: IdParams, response: { 200: Meeting, 404: Problem } } },
    async (request) => getMeeting(app.db, request.params.id),
  );
  app.patch(
    '/api/meetings/:id',
    {
      schema: {
        tags,
        summary: 'Move or edit a meeting; a broken rule is a 409 unless force: true',
        params: IdParams,
        body: UpdateMeeting,
        response: { 200: Meeting, 400: Problem, 404: Problem, 409: RuleConflict },
      },
    },
    async (request) => updateMeeting(app.db, request.actor!, app.planning, request.params.id, request.body),
  );
  app.post(
    '/api/meetings/:id/cancel',
    {
      schema: {
        tags,
        params: IdParams,
        body: CancelMeeting,
        response: { 200: Meeting, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => cancelMeeting(app.db, request.actor!, app.planning, request.params.id, request.body),
  );
  app.post(
    '/api/meetings/:id/host-confirmation',
    {
      schema: {
        tags,
        summary: 'Record that the host confirmed hosting (confirmed: false takes it back)',
        params: IdParams,
        body: HostConfirmation,
        response: { 200: Meeting, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => confirmHost(app.db, request.actor!, request.params.id, request.body),
  );
  app.post(
    '/api/meetings/:id/host-needs',
    {
      schema: {
        tags,
        summary: "Mail the venue's host contact the participants' dietary and accessibility needs",
        params: IdParams,
        response: {
          200: z.object({ to: z.string(), people: z.number().int() }),
          404: Problem,
          409: Problem,
        },
      },
    },
    async (request) => {
      return sendNeedsToHost(app.db, app.config, request.actor!, request.params.id);
    },
  );
  app.post(
    '/api/meetings/:id/status',
    {
      schema: {
        tags,
        summary: 'draft → planned → invited → held, or cancelled (with a reason)',
        params: IdParams,
        body: SetMeetingStatus,
        response: { 200: Meeting, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) =>
      setMeetingStatus(app.db, request.actor!, app.planning, request.params.id, request.body),
  );
};
export default meetings;
