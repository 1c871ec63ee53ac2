import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeParam } from '../accounts/access.ts';
import { IdParams } from '../http/common-schemas.ts';
import { Problem } from '../http/problems.ts';
import {
  agreementHistory,
  createAgreement,
  deleteAgreement,
  getAgreement,
  listAgreements,
  updateAgreement,
} from '../outcomes/agreements.ts';
import {
  Agreement,
  AgreementHistory,
  AgreementList,
  AgreementQuery,
  CreateAgreement,
  UpdateAgreement,
} from '../outcomes/schemas.ts';

const tags = ['outcomes'];

const agreements: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/agreements',
    { schema: { tags, querystring: AgreementQuery, response: { 200: AgreementList } } },
    async (request) => listAgreements(app.db, request.query, scopeParam(request.actor)),
  );
  app.get(
    '/api/agreements/:id',
    { schema: { tags, params: IdParams, response: { 200: Agreement, 404: Problem } } },
    async (request) => getAgreement(app.db, request.params.id),
  );
  app.get(
    '/api/agreements/:id/history',
    { schema: { tags, params: IdParams, response: { 200: AgreementHistory, 404: Problem } } },
    async (request) => agreementHistory(app.db, request.params.id),
  );
  app.post(
    '/api/agreements',
    { schema: { tags, body: CreateAgreement, response: { 201: Agreement, 400: Problem } } },
    async (request, reply) => reply.code(201).send(createAgreement(app.db, request.actor!, request.body)),
  );
  app.patch(
    '/api/agreements/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: UpdateAgreement,
        response: { 200: Agreement, 400: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (request) => updateAgreement(app.db, request.actor!, request.params.id, request.body),
  );
  app.delete(
    '/api/agreements/:id',
    { schema: { tags, params: IdParams, response: { 204: z.void(), 404: Problem } } },
    async (request, reply) => {
      deleteAgreement(app.db, request.actor!, request.params.id);
      return reply.code(204).send();
    },
  );
};
export default agreements;
