import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Problem } from '../http/problems.ts';
import { getMapping, putMapping } from '../outcomes/mappings.ts';
import { Mapping, MappingParams, PutMapping } from '../outcomes/schemas.ts';

const tags = ['outcomes'];

const mappings: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/districts/:code/mappings/:year',
    { schema: { tags, params: MappingParams, response: { 200: Mapping, 404: Problem } } },
    async (request) => getMapping(app.db, request.params.code, request.params.year),
  );
  app.put(
    '/api/districts/:code/mappings/:year',
    {
      schema: {
        tags,
        params: MappingParams,
        body: PutMapping,
        response: { 200: Mapping, 201: Mapping, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const { mapping, created } = putMapping(
        app.db,
        request.actor!,
        request.params.code,
        request.params.year,
        request.body,
      );
      return reply.code(created ? 201 : 200).send(mapping);
    },
  );
};
export default mappings;
