import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../http/common-schemas.ts';
import { Problem } from '../http/problems.ts';
import { CreateVenue, UpdateVenue, Venue, VenueList, VenueQuery } from '../venues/schemas.ts';
import { createVenue, deleteVenue, getVenue, listVenues, updateVenue } from '../venues/venues.ts';

const tags = ['register'];

/** The venue register: places with their full address, practical facts, host and host contact. */
const venues: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/venues',
    { schema: { tags, querystring: VenueQuery, response: { 200: VenueList, 400: Problem } } },
    async (request) => listVenues(app.db, request.query),
  );
  app.get(
    '/api/venues/:id',
    { schema: { tags, params: IdParams, response: { 200: Venue, 404: Problem } } },
    async (request) => getVenue(app.db, request.params.id),
  );
  app.post(
    '/api/venues',
    {
      schema: {
        tags,
        summary: 'A venue needs a name, street, postcode and town; a missing one is a 400 naming it',
        body: CreateVenue,
        response: { 201: Venue, 400: Problem },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await app.writes.run(() => createVenue(app.db, request.actor!, request.body))),
  );
  app.patch(
    '/api/venues/:id',
    {
      schema: {
        tags,
        summary:
          'Change a venue; meetings still to come there take its new address (and their invitees an update)',
        params: IdParams,
        body: UpdateVenue,
        response: { 200: Venue, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) =>
      app.writes.run(() =>
        updateVenue(app.db, request.actor!, app.planning, request.params.id, request.body),
      ),
  );
  app.delete(
    '/api/venues/:id',
    { schema: { tags, params: IdParams, response: { 204: z.void(), 404: Problem } } },
    async (request, reply) => {
      await app.writes.run(() => deleteVenue(app.db, request.actor!, request.params.id));
      return reply.code(204).send();
    },
  );
};
export default venues;
