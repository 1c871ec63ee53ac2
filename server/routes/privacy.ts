import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../http/common-schemas.ts';
import { Problem } from '../http/problems.ts';
import { exportPerson } from '../privacy/export.ts';

const PersonExport = z
  .record(z.string(), z.array(z.record(z.string(), z.unknown())))
  .describe('Every row held about the person, by table (register, invitations, answers, mail, audit)')
  .meta({ id: 'PersonExport' });

/** The personal-data life cycle (GDPR): what is held about a person. Admins only. */
const privacy: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/people/:id/export',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['register'],
        summary: 'Everything held about a person, as JSON (admins; the export is audited)',
        params: IdParams,
        response: { 200: PersonExport, 404: Problem },
      },
    },
    async (request) => app.writes.run(() => exportPerson(app.db, request.actor!, request.params.id)),
  );
};

export default privacy;
