import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../http/common-schemas.ts';
import { Problem } from '../http/problems.ts';
import {
  agendaSuggestions,
  createAgendaItem,
  deleteAgendaItem,
  listAgenda,
  reorderAgenda,
  updateAgendaItem,
} from '../outcomes/agenda.ts';
import {
  AgendaItem,
  AgendaItemList,
  AgendaItemParams,
  AgendaSuggestionList,
  CreateAgendaItem,
  ReorderAgenda,
  UpdateAgendaItem,
} from '../outcomes/schemas.ts';

const tags = ['outcomes'];

const agenda: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/meetings/:id/agenda',
    { schema: { tags, params: IdParams, response: { 200: AgendaItemList, 404: Problem } } },
    async (request) => listAgenda(app.db, request.params.id),
  );
  app.get(
    '/api/meetings/:id/agenda/suggestions',
    { schema: { tags, params: IdParams, response: { 200: AgendaSuggestionList, 404: Problem } } },
    async (request) => agendaSuggestions(app.db, request.params.id),
  );
  app.post(
    '/api/meetings/:id/agenda',
    {
      schema: {
        tags,
        params: IdParams,
        body: CreateAgendaItem,
        response: { 201: AgendaItem, 400: Problem, 404: Problem },
      },
    },
    async (request, reply) =>
      reply.code(201).send(createAgendaItem(app.db, request.actor!, request.params.id, request.body)),
  );
  app.put(
    '/api/meetings/:id/agenda/order',
    {
      schema: {
        tags,
        params: IdParams,
        body: ReorderAgenda,
        response: { 200: AgendaItemList, 400: Problem, 404: Problem },
      },
    },
    async (request) => reorderAgenda(app.db, request.actor!, request.params.id, request.body.itemIds),
  );
  app.patch(
    '/api/meetings/:id/agenda/:itemId',
    {
      schema: {
        tags,
        params: AgendaItemParams,
        body: UpdateAgendaItem,
        response: { 200: AgendaItem, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) =>
      updateAgendaItem(app.db, request.actor!, request.params.id, request.params.itemId, request.body),
  );
  app.delete(
    '/api/meetings/:id/agenda/:itemId',
    { schema: { tags, params: AgendaItemParams, response: { 204: z.void(), 404: Problem } } },
    async (request, reply) => {
      deleteAgendaItem(app.db, request.actor!, request.params.id, request.params.itemId);
      return reply.code(204).send();
    },
  );
};
export default agenda;
