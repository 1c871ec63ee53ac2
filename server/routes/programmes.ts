import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem } from '../http/problems.ts';
import { ProgrammeFile, ProgrammeLoadReport } from '../programmes/file-schemas.ts';
import { loadProgrammeFile } from '../programmes/load.ts';
import { createProgramme, getProgramme, listProgrammes, updateProgramme } from '../programmes/programmes.ts';
import { CreateProgramme, Programme, ProgrammeParams, UpdateProgramme } from '../programmes/schemas.ts';

const tags = ['programmes'];

/** Programmes: each a kind of recurring cross-sector meeting, set up by data; admins create and change them. */
const programmes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/programmes',
    { config: { access: 'authenticated' }, schema: { tags, response: { 200: z.array(Programme) } } },
    async () => listProgrammes(app.db),
  );
  app.get(
    '/api/programmes/:key',
    {
      config: { access: 'authenticated' },
      schema: { tags, params: ProgrammeParams, response: { 200: Programme, 404: Problem } },
    },
    async (request) => getProgramme(app.db, request.params.key),
  );
  app.post(
    '/api/programmes',
    {
      config: { access: 'admin' },
      schema: { tags, body: CreateProgramme, response: { 201: Programme, 400: Problem, 409: Problem } },
    },
    async (request, reply) => reply.code(201).send(createProgramme(app.db, request.actor!, request.body)),
  );
  app.post(
    '/api/programmes/load',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary:
          'Load a programme file (examples/*.json): the programme, its catalogue rows, organisations, areas and people, all or nothing',
        body: ProgrammeFile,
        response: { 201: ProgrammeLoadReport, 400: Problem, 409: Problem },
      },
    },
    async (request, reply) =>
      reply.code(201).send(loadProgrammeFile(app.db, request.actor!, request.body, 'body.')),
  );
  app.patch(
    '/api/programmes/:key',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        params: ProgrammeParams,
        body: UpdateProgramme,
        response: { 200: Programme, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => updateProgramme(app.db, request.actor!, request.params.key, request.body),
  );
};
export default programmes;
