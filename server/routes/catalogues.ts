import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem } from '../http/problems.ts';
import {
  createLanguage,
  createOrganisationKind,
  createSector,
  deleteLanguage,
  deleteOrganisationKind,
  deleteSector,
  listLanguages,
  listOrganisationKinds,
  listSectors,
  updateLanguage,
} from '../programmes/catalogues.ts';
import {
  CatalogueParams,
  CatalogueRow,
  CreateLanguage,
  CreateOrganisationKind,
  CreateSector,
  Language,
  UpdateLanguage,
} from '../programmes/schemas.ts';

const tags = ['catalogues'];
const deleted = { 204: z.void(), 404: Problem, 409: Problem };

/** Languages, sectors and organisation kinds: rows an admin adds, not lists fixed in code. */
// Long only because it registers each of the resource's routes; every handler is a line or two.
const catalogues: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/languages',
    { config: { access: 'public' }, schema: { tags, security: [], response: { 200: z.array(Language) } } },
    async () => listLanguages(app.db),
  );
  app.post(
    '/api/languages',
    {
      config: { access: 'admin' },
      schema: { tags, body: CreateLanguage, response: { 201: Language, 400: Problem, 409: Problem } },
    },
    async (request, reply) => reply.code(201).send(createLanguage(app.db, request.actor!, request.body)),
  );
  app.patch(
    '/api/languages/:key',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        params: CatalogueParams,
        body: UpdateLanguage,
        response: { 200: Language, 400: Problem, 404: Problem },
      },
    },
    async (request) => updateLanguage(app.db, request.actor!, request.params.key, request.body),
  );
  app.delete(
    '/api/languages/:key',
    { config: { access: 'admin' }, schema: { tags, params: CatalogueParams, response: deleted } },
    async (request, reply) => {
      deleteLanguage(app.db, request.actor!, request.params.key);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/sectors',
    {
      config: { access: 'public' },
      schema: { tags, security: [], response: { 200: z.array(CatalogueRow) } },
    },
    async () => listSectors(app.db),
  );
  app.post(
    '/api/sectors',
    {
      config: { access: 'admin' },
      schema: { tags, body: CreateSector, response: { 201: CatalogueRow, 409: Problem } },
    },
    async (request, reply) => reply.code(201).send(createSector(app.db, request.actor!, request.body)),
  );
  app.delete(
    '/api/sectors/:key',
    { config: { access: 'admin' }, schema: { tags, params: CatalogueParams, response: deleted } },
    async (request, reply) => {
      deleteSector(app.db, request.actor!, request.params.key);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/organisation-kinds',
    {
      config: { access: 'public' },
      schema: { tags, security: [], response: { 200: z.array(CatalogueRow) } },
    },
    async () => listOrganisationKinds(app.db),
  );
  app.post(
    '/api/organisation-kinds',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        body: CreateOrganisationKind,
        response: { 201: CatalogueRow, 400: Problem, 409: Problem },
      },
    },
    async (request, reply) =>
      reply.code(201).send(createOrganisationKind(app.db, request.actor!, request.body)),
  );
  app.delete(
    '/api/organisation-kinds/:key',
    { config: { access: 'admin' }, schema: { tags, params: CatalogueParams, response: deleted } },
    async (request, reply) => {
      deleteOrganisationKind(app.db, request.actor!, request.params.key);
      return reply.code(204).send();
    },
  );
};
export default catalogues;
