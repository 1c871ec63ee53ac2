import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeParam } from '../accounts/access.ts';
import { IdParams, QueryBoolean } from '../http/common-schemas.ts';
import { badRequest, Problem } from '../http/problems.ts';
import { sendJson } from '../http/read-cache.ts';
import { serializerFor } from '../http/serializer.ts';
import { createPerson, deletePerson, getPerson, listPeople, updatePerson } from '../register/people.ts';
import { ImportReport, importPeople } from '../register/people-import.ts';
import { CreatePerson, Person, PersonList, PersonQuery, UpdatePerson } from '../register/schemas.ts';

const tags = ['register'];
const serializePersonList = serializerFor(PersonList);
const IMPORT_LIMIT = 5 * 1024 * 1024;

/** Contact persons: personal data, so even reading needs an account (the default for /api). */
// Long only because it registers each of the resource's routes; every handler is a line or two.
const people: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/people',
    { schema: { tags, querystring: PersonQuery, response: { 200: PersonList } } },
    // the list is the same for every account of the same programmes, so it is cached by scope and
    // query until the data changes
    async (request, reply) => {
      const scope = scopeParam(request.actor);
      return sendJson(
        reply,
        app.readCache.json(
          `people:${scope}:${JSON.stringify(request.query)}`,
          () => listPeople(app.db, request.query, scope),
          serializePersonList,
        ),
      );
    },
  );

  app.get(
    '/api/people/:id',
    { schema: { tags, params: IdParams, response: { 200: Person, 404: Problem } } },
    async (request) => getPerson(app.db, request.params.id),
  );

  app.post(
    '/api/people',
    { schema: { tags, body: CreatePerson, response: { 201: Person, 400: Problem, 409: Problem } } },
    async (request, reply) =>
      reply.code(201).send(await app.writes.run(() => createPerson(app.db, request.actor!, request.body))),
  );

  app.patch(
    '/api/people/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: UpdatePerson,
        response: { 200: Person, 404: Problem, 409: Problem },
      },
    },
    async (request) =>
      app.writes.run(() => updatePerson(app.db, request.actor!, request.params.id, request.body)),
  );

  app.delete(
    '/api/people/:id',
    { schema: { tags, params: IdParams, response: { 204: z.void(), 404: Problem, 409: Problem } } },
    async (request, reply) => {
      await app.writes.run(() => deletePerson(app.db, request.actor!, request.params.id));
      return reply.code(204).send();
    },
  );

  app.register(async (csvScope) => {
    csvScope.addContentTypeParser(
      ['text/csv', 'text/plain'],
      { parseAs: 'string', bodyLimit: IMPORT_LIMIT },
      (_request, body, done) => done(null, body),
    );
    csvScope.withTypeProvider<import('fastify-type-provider-zod').ZodTypeProvider>().post(
      '/api/people/import',
      {
        bodyLimit: IMPORT_LIMIT,
        schema: {
          tags,
          summary: 'Import contact persons from CSV (UTF-8, ; or , separated), matched by email',
          description:
            'Columns: navn, email, organisation (name or official code), telefon, titel, roller (role keys or names, separated by |), fast kontaktperson (ja/nej), sprog (da/en). With dryRun=true every bad row is reported and nothing is saved; otherwise all rows are saved or, if any is bad, none (422).',
          querystring: z.strictObject({ dryRun: QueryBoolean.default(false) }),
          consumes: ['text/csv'],
          response: { 200: ImportReport, 400: Problem, 422: Problem },
        },
      },
      async (request) => {
        if (typeof request.body !== 'string') throw badRequest('Send the file as text/csv');
        return importPeople(app.db, request.actor!, request.body, request.query.dryRun);
      },
    );
  });
};
export default people;
