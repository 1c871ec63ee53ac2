import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeParam } from '../accounts/access.ts';
import { IdParams } from '../http/common-schemas.ts';
import { Problem } from '../http/problems.ts';
import {
  createBarrier,
  deleteBarrier,
  getBarrier,
  listBarriers,
  updateBarrier,
} from '../outcomes/barriers.ts';
import { Barrier, BarrierList, BarrierQuery, CreateBarrier, UpdateBarrier } from '../outcomes/schemas.ts';

const tags = ['outcomes'];

const barriers: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/barriers',
    { schema: { tags, querystring: BarrierQuery, response: { 200: BarrierList } } },
    async (request) => listBarriers(app.db, request.query, scopeParam(request.actor)),
  );
  app.get(
    '/api/barriers/:id',
    { schema: { tags, params: IdParams, response: { 200: Barrier, 404: Problem } } },
    async (request) => getBarrier(app.db, request.params.id),
  );
  app.post(
    '/api/barriers',
    { schema: { tags, body: CreateBarrier, response: { 201: Barrier, 400: Problem } } },
    async (request, reply) => reply.code(201).send(createBarrier(app.db, request.actor!, request.body)),
  );
  app.patch(
    '/api/barriers/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: UpdateBarrier,
        response: { 200: Barrier, 400: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (request) => updateBarrier(app.db, request.actor!, request.params.id, request.body),
  );
  app.delete(
    '/api/barriers/:id',
    { schema: { tags, params: IdParams, response: { 204: z.void(), 404: Problem } } },
    async (request, reply) => {
      deleteBarrier(app.db, request.actor!, request.params.id);
      return reply.code(204).send();
    },
  );
};
export default barriers;
