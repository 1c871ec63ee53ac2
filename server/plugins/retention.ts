import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { applyRetention } from '../privacy/retention.ts';

const HOUR = 60 * 60 * 1000;

/** Retention runs at start and every hour: personal data past its RETENTION_* days goes. */
export default fp(
  async function retention(app: FastifyInstance) {
    let timer: NodeJS.Timeout | null = null;
    const run = () => {
      try {
        const removed = applyRetention(app.db, app.config);
        if (Object.values(removed).some((n) => n > 0)) app.log.info({ removed }, 'retention applied');
      } catch (err) {
        app.log.error({ err }, 'retention could not be applied');
      }
    };
    app.addHook('onReady', async () => {
      run();
      timer = setInterval(run, HOUR);
      timer.unref();
    });
    app.addHook('onClose', async () => {
      if (timer) clearInterval(timer);
    });
  },
  { name: 'retention', dependencies: ['database'] },
);
