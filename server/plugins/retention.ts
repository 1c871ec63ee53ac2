import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { applyRetention } from '../privacy/retention.ts';
import { everyHour } from './hourly.ts';

/** Retention runs at start and every hour: personal data past its RETENTION_* days goes. */
export default fp(
  async function retention(app: FastifyInstance) {
    everyHour(app, 'retention', () => {
      const removed = applyRetention(app.db, app.config);
      if (Object.values(removed).some((n) => n > 0)) app.log.info({ removed }, 'retention applied');
    });
  },
  { name: 'retention', dependencies: ['database'] },
);
