import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { queueOrganisationChasers } from '../invitations/chasing.ts';
import { queueFollowUpReminders } from '../outcomes/follow-ups.ts';

const HOUR = 60 * 60 * 1000;

/**
 * The reminders nobody asks for, at start and every hour while the mail sender runs
 * (MAIL_SENDER=on): organisations nobody has signed up from, and agreements and barriers due for
 * follow-up. Each is sent once (per meeting, per due date), so running often costs only queries.
 */
export default fp(
  async function scheduledReminders(app: FastifyInstance) {
    if (app.config.MAIL_SENDER !== 'on') return;
    let timer: NodeJS.Timeout | null = null;
    const run = () => {
      try {
        const now = new Date();
        const chasers = queueOrganisationChasers(app.db, app.config, now).queued;
        const followUps = queueFollowUpReminders(app.db, app.config, now).queued;
        if (chasers || followUps) {
          app.log.info({ chasers, followUps }, 'scheduled reminders queued');
          app.mailer.kick();
        }
      } catch (err) {
        app.log.error({ err }, 'scheduled reminders could not be queued');
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
  { name: 'scheduled-reminders', dependencies: ['database', 'mailer'] },
);
