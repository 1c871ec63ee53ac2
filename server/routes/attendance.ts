import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../http/common-schemas.ts';
import { Problem } from '../http/problems.ts';
import { getAttendance, putAttendance } from '../outcomes/attendance.ts';
import { Attendance, PutAttendance } from '../outcomes/schemas.ts';

const tags = ['outcomes'];

const attendance: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/meetings/:id/attendance',
    { schema: { tags, params: IdParams, response: { 200: Attendance, 404: Problem } } },
    async (request) => getAttendance(app.db, request.params.id),
  );
  app.put(
    '/api/meetings/:id/attendance',
    {
      schema: {
        tags,
        params: IdParams,
        body: PutAttendance,
        response: { 200: Attendance, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => putAttendance(app.db, request.actor!, request.params.id, request.body),
  );
};
export default attendance;
