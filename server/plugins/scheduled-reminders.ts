import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { chaseDateProposals } from '../dates/chasing.ts';
import { queueDueSurveys, queueSurveyReminders } from '../evaluation/surveys.ts';
import { queueOrganisationChasers } from '../invitations/chasing.ts';
import { queueFollowUpReminders } from '../outcomes/follow-ups.ts';
import { everyHour } from './hourly.ts';

/**
 * The reminders nobody asks for, at start and every hour while the mail sender runs
 * (MAIL_SENDER=on): organisations nobody has signed up from, district and host contacts who have
 * not answered a date proposal, agreements and barriers due for follow-up, evaluation surveys of
 * meetings just held and their one reminder. Each is sent once (per meeting, per due date), so
 * running often costs only queries.
 */
export default fp(
  async function scheduledReminders(app: FastifyInstance) {
    if (app.config.MAIL_SENDER !== 'on') return;
    everyHour(app, 'scheduled reminders', () => {
      const now = new Date();
      const chasers = queueOrganisationChasers(app.db, app.config, now).queued;
      const dateReminders = chaseDateProposals(app.db, app.config, now).queued;
      const followUps = queueFollowUpReminders(app.db, app.config, now).queued;
      const surveys = queueDueSurveys(app.db, app.config, now);
      const surveyReminders = queueSurveyReminders(app.db, app.config, now);
      if (chasers || dateReminders || followUps || surveys || surveyReminders) {
        app.log.info(
          { chasers, dateReminders, followUps, surveys, surveyReminders },
          'scheduled reminders queued',
        );
      }
    });
  },
  { name: 'scheduled-reminders', dependencies: ['database', 'mailer'] },
);
