import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Actor } from '../accounts/accounts.ts';
import { Problem } from '../http/problems.ts';
import { getMapping, type MappingArea, putMapping } from '../outcomes/mappings.ts';
import { AreaMappingParams, Mapping, MappingParams, PutMapping } from '../outcomes/schemas.ts';

const tags = ['outcomes'];
const putResponses = { 200: Mapping, 201: Mapping, 400: Problem, 404: Problem, 409: Problem };

/** A year's mapping, by Danish police district code or (for any programme's area) by area id. */
const mappings: FastifyPluginAsyncZod = async (app) => {
  const put = (
    which: MappingArea,
    request: { actor: Actor | null; params: { year: number }; body: PutMapping },
    reply: import('fastify').FastifyReply,
  ) => {
    const { mapping, created } = putMapping(app.db, request.actor!, which, request.params.year, request.body);
    return reply.code(created ? 201 : 200).send(mapping);
  };
  app.get(
    '/api/districts/:code/mappings/:year',
    { schema: { tags, params: MappingParams, response: { 200: Mapping, 404: Problem } } },
    async (request) => getMapping(app.db, { code: request.params.code }, request.params.year),
  );
  app.put(
    '/api/districts/:code/mappings/:year',
    { schema: { tags, params: MappingParams, body: PutMapping, response: putResponses } },
    async (request, reply) => put({ code: request.params.code }, request, reply),
  );
  app.get(
    '/api/areas/:id/mappings/:year',
    { schema: { tags, params: AreaMappingParams, response: { 200: Mapping, 404: Problem } } },
    async (request) => getMapping(app.db, { areaId: request.params.id }, request.params.year),
  );
  app.put(
    '/api/areas/:id/mappings/:year',
    { schema: { tags, params: AreaMappingParams, body: PutMapping, response: putResponses } },
    async (request, reply) => put({ areaId: request.params.id }, request, reply),
  );
};
export default mappings;
