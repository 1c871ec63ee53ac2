import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeParam } from '../accounts/access.ts';
import { IdParams } from '../http/common-schemas.ts';
import { Problem } from '../http/problems.ts';
import {
  createOrganisation,
  deleteOrganisation,
  getOrganisation,
  listOrganisations,
  updateOrganisation,
} from '../register/organisations.ts';
import {
  CreateOrganisation,
  Organisation,
  OrganisationList,
  OrganisationQuery,
  UpdateOrganisation,
} from '../register/schemas.ts';

const tags = ['register'];

const organisations: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/organisations',
    { schema: { tags, querystring: OrganisationQuery, response: { 200: OrganisationList } } },
    async (request) => listOrganisations(app.db, request.query, scopeParam(request.actor)),
  );

  app.get(
    '/api/organisations/:id',
    { schema: { tags, params: IdParams, response: { 200: Organisation, 404: Problem } } },
    async (request) => getOrganisation(app.db, request.params.id),
  );

  app.post(
    '/api/organisations',
    {
      schema: { tags, body: CreateOrganisation, response: { 201: Organisation, 400: Problem, 409: Problem } },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await app.writes.run(() => createOrganisation(app.db, request.actor!, request.body))),
  );

  app.patch(
    '/api/organisations/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: UpdateOrganisation,
        response: { 200: Organisation, 404: Problem, 409: Problem },
      },
    },
    async (request) =>
      app.writes.run(() => updateOrganisation(app.db, request.actor!, request.params.id, request.body)),
  );

  app.delete(
    '/api/organisations/:id',
    { schema: { tags, params: IdParams, response: { 204: z.void(), 404: Problem, 409: Problem } } },
    async (request, reply) => {
      await app.writes.run(() => deleteOrganisation(app.db, request.actor!, request.params.id));
      return reply.code(204).send();
    },
  );
};
export default organisations;
