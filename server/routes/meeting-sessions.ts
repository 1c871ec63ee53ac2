import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Version } from '../http/common-schemas.ts';
import { Problem } from '../http/problems.ts';
import { Text } from '../http/text.ts';
import {
  MeetingSession,
  MeetingSessionList,
  MeetingSessionParams,
  NewMeetingSession,
  UpdateMeetingSession,
} from '../meeting-sessions/schemas.ts';
import {
  cancelSession,
  createSession,
  getSession,
  listSessions,
  updateSession,
} from '../meeting-sessions/sessions.ts';
import { meetingRecord } from '../planning/meetings.ts';

const tags = ['sessions'];
const CancelQuery = z.strictObject({
  version: z.coerce.number().pipe(Version),
  reason: Text('reason').optional(),
});

/** A meeting's sessions (sittings): each invitee chooses one; moving one tells only its participants. */
const meetingSessions: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/meetings/:id/sessions',
    {
      schema: {
        tags,
        summary: "The meeting's sessions with places taken, waiting and attended, and the meeting's sums",
        params: IdParams,
        response: { 200: MeetingSessionList, 404: Problem },
      },
    },
    async (request) => {
      meetingRecord(app.db, request.params.id);
      return listSessions(app.db, request.params.id);
    },
  );
  app.post(
    '/api/meetings/:id/sessions',
    {
      schema: {
        tags,
        summary: 'Add a session (before the invitations are sent, or to a meeting already held as sessions)',
        params: IdParams,
        body: NewMeetingSession,
        response: { 201: MeetingSession, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) =>
      reply.code(201).send(createSession(app.db, request.actor!, request.params.id, request.body)),
  );
  app.get(
    '/api/meetings/:id/sessions/:sessionId',
    { schema: { tags, params: MeetingSessionParams, response: { 200: MeetingSession, 404: Problem } } },
    async (request) => getSession(app.db, request.params.id, request.params.sessionId),
  );
  app.patch(
    '/api/meetings/:id/sessions/:sessionId',
    {
      schema: {
        tags,
        summary: 'Move or edit a session; its participants (only they) get an updated calendar entry',
        params: MeetingSessionParams,
        body: UpdateMeetingSession,
        response: { 200: MeetingSession, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      const { id, sessionId } = request.params;
      return updateSession(app.db, app.config, request.actor!, id, sessionId, request.body);
    },
  );
  app.delete(
    '/api/meetings/:id/sessions/:sessionId',
    {
      schema: {
        tags,
        summary: 'Cancel a session: its participants get a CANCEL and may choose another; it stays on record',
        params: MeetingSessionParams,
        querystring: CancelQuery,
        response: { 200: MeetingSession, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      const { id, sessionId } = request.params;
      return cancelSession(app.db, app.config, request.actor!, id, sessionId, request.query);
    },
  );
};
export default meetingSessions;
