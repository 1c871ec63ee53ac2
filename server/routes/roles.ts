import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../http/common-schemas.ts';
import { Problem } from '../http/problems.ts';
import { createRole, deleteRole, listRoles, updateRole } from '../register/roles.ts';
import { CreateRole, Role, UpdateRole } from '../register/schemas.ts';

const tags = ['register'];

/** The role catalogue: which roles exist, at which level; editable by facilitators. */
const roles: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/roles',
    { config: { access: 'public' }, schema: { tags, security: [], response: { 200: z.array(Role) } } },
    async () => listRoles(app.db),
  );
  app.post(
    '/api/roles',
    { schema: { tags, body: CreateRole, response: { 201: Role, 409: Problem } } },
    async (request, reply) => reply.code(201).send(createRole(app.db, request.actor!, request.body)),
  );
  app.patch(
    '/api/roles/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: UpdateRole,
        response: { 200: Role, 404: Problem, 409: Problem },
      },
    },
    async (request) => updateRole(app.db, request.actor!, request.params.id, request.body),
  );
  app.delete(
    '/api/roles/:id',
    { schema: { tags, params: IdParams, response: { 204: z.void(), 404: Problem, 409: Problem } } },
    async (request, reply) => {
      deleteRole(app.db, request.actor!, request.params.id);
      return reply.code(204).send();
    },
  );
};
export default roles;
