import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../http/common-schemas.ts';
import { Problem } from '../http/problems.ts';
import { getAudience } from '../invitations/audience.ts';
import { addToAudience, removeFromAudience, sendInvitations } from '../invitations/invitations.ts';
import {
  AddAudiencePerson,
  Audience,
  AudienceChange,
  AudiencePersonParams,
  SendReport,
} from '../invitations/schemas.ts';

const tags = ['invitations'];

/** A meeting's audience (with its coverage check) and the sending of its invitations. */
// Long only because it registers each of the resource's routes; every handler is a line or two.
const invitations: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/meetings/:id/audience',
    {
      schema: {
        tags,
        summary: 'Who would be invited, and which member organisations lack people or a level',
        params: IdParams,
        response: { 200: Audience, 404: Problem },
      },
    },
    async (request) => getAudience(app.db, request.params.id),
  );

  app.post(
    '/api/meetings/:id/audience/people',
    {
      schema: {
        tags,
        summary: 'Add a person to the audience by hand',
        params: IdParams,
        body: AddAudiencePerson,
        response: { 200: AudienceChange, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      const { added } = addToAudience(app.db, request.actor!, request.params.id, request.body.personId);
      return { changed: added, cancellationQueued: false };
    },
  );

  app.delete(
    '/api/meetings/:id/audience/people/:personId',
    {
      schema: {
        tags,
        summary: 'Take a person off the audience; if already invited they get a cancellation',
        params: AudiencePersonParams,
        response: { 200: AudienceChange, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      const result = removeFromAudience(
        app.db,
        app.config,
        request.actor!,
        request.params.id,
        request.params.personId,
      );
      return { changed: result.removed, cancellationQueued: result.cancellationQueued };
    },
  );

  app.post(
    '/api/meetings/:id/invitations',
    {
      schema: {
        tags,
        summary: 'Invite everyone in the audience not yet invited (one email each, via the outbox)',
        params: IdParams,
        response: { 200: SendReport, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (request) => {
      return sendInvitations(app.db, app.config, request.actor!, request.params.id);
    },
  );
};
export default invitations;
