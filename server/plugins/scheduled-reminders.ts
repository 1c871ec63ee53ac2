import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { queueOrganisationChasers } from '../invitations/chasing.ts';
import { queueFollowUpReminders } from '../outcomes/follow-ups.ts';
import { everyHour } from './hourly.ts';

/**
 * The reminders nobody asks for, at start and every hour while the mail sender runs
 * (MAIL_SENDER=on): organisations nobody has signed up from, and agreements and barriers due for
 * follow-up. Each is sent once (per meeting, per due date), so running often costs only queries.
 */
export default fp(
  async function scheduledReminders(app: FastifyInstance) {
    if (app.config.MAIL_SENDER !== 'on') return;
    everyHour(app, 'scheduled reminders', () => {
      const now = new Date();
      const chasers = queueOrganisationChasers(app.db, app.config, now).queued;
      const followUps = queueFollowUpReminders(app.db, app.config, now).queued;
      if (chasers || followUps) {
        app.log.info({ chasers, followUps }, 'scheduled reminders queued');
        app.mailer.kick();
      }
    });
  },
  { name: 'scheduled-reminders', dependencies: ['database', 'mailer'] },
);
