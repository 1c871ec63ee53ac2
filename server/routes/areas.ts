import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertAreaKindAccess } from '../accounts/access.ts';
import { Id } from '../http/common-schemas.ts';
import { Problem } from '../http/problems.ts';
import { Text } from '../http/text.ts';
import {
  Area,
  CreateArea,
  createArea,
  getArea,
  listAreas,
  removeAreaMember,
  SetMember,
  setAreaMember,
} from '../register/areas.ts';

const tags = ['register'];
const MemberParams = z.strictObject({ id: Id, organisationId: Id });

/** Convening areas and their member organisations (who meets with whom, who may host). */
const areas: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/areas',
    {
      config: { access: 'public' },
      schema: {
        tags,
        security: [],
        querystring: z.strictObject({ kind: Text('code').optional() }),
        response: { 200: z.array(Area) },
      },
    },
    async (request) => listAreas(app.db, request.query.kind),
  );
  app.get(
    '/api/areas/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        security: [],
        params: z.strictObject({ id: Id }),
        response: { 200: Area, 404: Problem },
      },
    },
    async (request) => getArea(app.db, request.params.id),
  );
  app.post(
    '/api/areas',
    { schema: { tags, body: CreateArea, response: { 201: Area, 400: Problem, 409: Problem } } },
    async (request, reply) => {
      // a new area of a kind a programme convenes joins that programme: its facilitators only
      assertAreaKindAccess(app.db, request.actor, request.body.kind);
      return reply.code(201).send(createArea(app.db, request.actor!, request.body));
    },
  );
  app.put(
    '/api/areas/:id/members/:organisationId',
    {
      schema: {
        tags,
        summary: 'Add a member or change its role / willingness to host',
        params: MemberParams,
        body: SetMember,
        response: { 200: Area, 404: Problem, 409: Problem },
      },
    },
    async (request) =>
      setAreaMember(app.db, request.actor!, request.params.id, request.params.organisationId, request.body),
  );
  app.delete(
    '/api/areas/:id/members/:organisationId',
    { schema: { tags, params: MemberParams, response: { 200: Area, 404: Problem, 409: Problem } } },
    async (request) =>
      removeAreaMember(app.db, request.actor!, request.params.id, request.params.organisationId),
  );
};
export default areas;
