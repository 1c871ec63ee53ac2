import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../http/common-schemas.ts';
import { Problem } from '../http/problems.ts';
import { CreateTheme, Theme, ThemeQuery, UpdateTheme } from '../outcomes/schemas.ts';
import { createTheme, deleteTheme, getTheme, listThemes, updateTheme } from '../outcomes/themes.ts';

const tags = ['outcomes'];

const themes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/themes',
    { schema: { tags, querystring: ThemeQuery, response: { 200: z.array(Theme) } } },
    async (request) => listThemes(app.db, request.query.includeInactive === 'true'),
  );
  app.get(
    '/api/themes/:id',
    { schema: { tags, params: IdParams, response: { 200: Theme, 404: Problem } } },
    async (request) => getTheme(app.db, request.params.id),
  );
  app.post(
    '/api/themes',
    { schema: { tags, body: CreateTheme, response: { 201: Theme, 400: Problem } } },
    async (request, reply) => reply.code(201).send(createTheme(app.db, request.actor!, request.body)),
  );
  app.patch(
    '/api/themes/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: UpdateTheme,
        response: { 200: Theme, 404: Problem, 409: Problem },
      },
    },
    async (request) => updateTheme(app.db, request.actor!, request.params.id, request.body),
  );
  app.delete(
    '/api/themes/:id',
    { schema: { tags, params: IdParams, response: { 204: z.void(), 404: Problem } } },
    async (request, reply) => {
      deleteTheme(app.db, request.actor!, request.params.id);
      return reply.code(204).send();
    },
  );
};
export default themes;
