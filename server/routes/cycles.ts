import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertAreaKindAccess, assertRecordAccess, scopeParam } from '../accounts/access.ts';
import { Problem } from '../http/problems.ts';
import {
  cycleSettings,
  getCycle,
  listCycles,
  planYear,
  previewYear,
  replanCycleArea,
} from '../planning/cycles.ts';
import {
  CreateCycle,
  Cycle,
  CycleParams,
  CycleQuery,
  CycleSummary,
  PlanPreview,
  ReplanArea,
  ReplanParams,
} from '../planning/schemas.ts';

const tags = ['planning'];

/** A 422 also lists the meetings the planner could not place and the rule that blocked each. */
const Infeasible = Problem.extend({
  unplaced: z
    .array(
      z.object({
        areaId: z.number().int(),
        areaName: z.string(),
        sequence: z.number().int(),
        rule: z.string(),
        reason: z.string(),
      }),
    )
    .optional(),
});

/** Yearly cycles: plan a year in one call, read it, re-plan one area. */
const cycles: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/cycles', { schema: { tags, response: { 200: z.array(CycleSummary) } } }, async (request) =>
    listCycles(app.db, scopeParam(request.actor)),
  );
  app.get(
    '/api/cycles/:year',
    {
      schema: { tags, params: CycleParams, querystring: CycleQuery, response: { 200: Cycle, 404: Problem } },
    },
    async (request) => {
      const cycle = getCycle(app.db, request.params.year, request.query.kind);
      assertRecordAccess(app.db, request.actor, 'cycle', cycle.id, 'read');
      return cycle;
    },
  );
  app.post(
    '/api/cycles',
    {
      schema: {
        tags,
        summary: 'Plan a year: one meeting (or k) per convening area, or a dry run of it',
        body: CreateCycle,
        response: { 200: PlanPreview, 201: Cycle, 400: Problem, 409: Problem, 422: Infeasible },
      },
    },
    async (request, reply) => {
      const { dryRun, programme, settings: sent, ...rest } = request.body;
      const input = { ...rest, settings: cycleSettings(app.db, programme, sent), dryRun };
      assertAreaKindAccess(app.db, request.actor, input.settings.areaKind);
      if (dryRun) return reply.code(200).send(previewYear(app.db, input));
      return reply.code(201).send(planYear(app.db, request.actor!, app.planning, input));
    },
  );
  app.post(
    '/api/cycles/:year/areas/:areaId/replan',
    {
      schema: {
        tags,
        summary: "Re-plan one area's meetings; every other area stays as it is",
        params: ReplanParams,
        querystring: CycleQuery,
        body: ReplanArea.prefault({}),
        response: { 200: Cycle, 400: Problem, 404: Problem, 422: Infeasible },
      },
    },
    async (request) =>
      replanCycleArea(
        app.db,
        request.actor!,
        app.planning,
        { year: request.params.year, kind: request.query.kind, areaId: request.params.areaId },
        request.body,
      ),
  );
};
export default cycles;
