import type { FastifyInstance } from 'fastify';

const HOUR = 60 * 60 * 1000;

/**
 * Runs a job when the service is ready and every hour after, until it closes. A failing run is
 * logged and the next hour tries again: nothing a job does may stop the service.
 */
export function everyHour(app: FastifyInstance, job: string, run: () => void): void {
  let timer: NodeJS.Timeout | null = null;
  const guarded = () => {
    try {
      run();
    } catch (err) {
      app.log.error({ err }, `${job} could not run`);
    }
  };
  app.addHook('onReady', async () => {
    guarded();
    timer = setInterval(guarded, HOUR);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
  });
}
