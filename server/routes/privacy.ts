import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../http/common-schemas.ts';
import { Problem } from '../http/problems.ts';
import { erasePerson } from '../privacy/erase.ts';
import { exportPerson } from '../privacy/export.ts';

const PersonExport = z
  .record(z.string(), z.array(z.record(z.string(), z.unknown())))
  .describe('Every row held about the person, by table (register, invitations, answers, mail, audit)')
  .meta({ id: 'PersonExport' });

const ErasureReport = z
  .object({
    personId: z.number().int(),
    invitations: z
      .number()
      .int()
      .describe('Invitations kept for the figures, their comments and links removed'),
    answerLinks: z.number().int(),
    outboxMessages: z.number().int().describe('Messages to or naming the person, anonymised'),
    inboundReplies: z.number().int(),
    auditEntries: z.number().int().describe('Audit entries whose record named the person, rewritten'),
    accounts: z.number().int().describe('A staff account with the same address, closed'),
    sessions: z.number().int(),
  })
  .meta({ id: 'ErasureReport' });

/** The personal-data life cycle (GDPR): what is held about a person, and erasing it. Admins only. */
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

  app.post(
    '/api/people/:id/erase',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['register'],
        summary: 'Erase a person (GDPR): anonymised everywhere, the meetings’ figures kept (admins; audited)',
        description:
          'The person becomes "Slettet person" without address or phone; comments, answer links, mail to and from them and their name and address in the audit log are removed; invitations, answers and attendance stay for the figures. Cannot be undone.',
        params: IdParams,
        response: { 200: ErasureReport, 404: Problem },
      },
    },
    // its own transaction, not a group commit: the file is wiped of the old bytes after the commit
    async (request) => erasePerson(app.db, request.actor!, request.params.id, app.config.MAIL_DIR),
  );
};

export default privacy;
