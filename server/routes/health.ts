import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pingDatabase } from '../../db/client.ts';

const Health = z.object({
  status: z.literal('ok'),
  database: z.literal('ok'),
  time: z.iso.datetime({ offset: true }),
});

const health: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    { schema: { tags: ['system'], response: { 200: Health } }, config: { access: 'public' } },
    async () => {
      pingDatabase(app.db);
      return { status: 'ok' as const, database: 'ok' as const, time: new Date().toISOString() };
    },
  );
};
export default health;
