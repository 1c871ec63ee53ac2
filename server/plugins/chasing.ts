import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { queueOrganisationChasers } from '../invitations/chasing.ts';

const HOUR = 60 * 60 * 1000;

/**
 * Chases organisations nobody has signed up from, at start and every hour, while the mail sender
 * runs (MAIL_SENDER=on): each organisation once per meeting, so running often costs only a query.
 */
export default fp(
  async function chasing(app: FastifyInstance) {
    if (app.config.MAIL_SENDER !== 'on') return;
    let timer: NodeJS.Timeout | null = null;
    const run = () => {
      try {
        const report = queueOrganisationChasers(app.db, app.config, new Date());
        if (report.queued) {
          app.log.info({ chasers: report.queued }, 'organisations chased');
          app.mailer.kick();
        }
      } catch (err) {
        app.log.error({ err }, 'organisations could not be chased');
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
  { name: 'chasing', dependencies: ['database', 'mailer'] },
);
