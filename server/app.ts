import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import { named } from './http/plugin-name.ts';
import { responseSerializerCompiler } from './http/serializer.ts';
import { acceptMultipartUnread } from './http/uploads.ts';
import authentication from './plugins/authentication.ts';
import database from './plugins/database.ts';
import groupCommit from './plugins/group-commit.ts';
import inboundSmtp from './plugins/inbound-smtp.ts';
import mailer from './plugins/mailer.ts';
import meetingChangeWiring from './plugins/meeting-change-wiring.ts';
import openapi from './plugins/openapi.ts';
import problems from './plugins/problems.ts';
import programmeAccess from './plugins/programme-access.ts';
import rateLimits from './plugins/rate-limits.ts';
import retention from './plugins/retention.ts';
import scheduledReminders from './plugins/scheduled-reminders.ts';
import securityHeaders from './plugins/security-headers.ts';
import accounts from './routes/accounts.ts';
import agenda from './routes/agenda.ts';
import agreements from './routes/agreements.ts';
import areas from './routes/areas.ts';
import attendance from './routes/attendance.ts';
import audit from './routes/audit.ts';
import barriers from './routes/barriers.ts';
import calendarFeeds from './routes/calendar-feeds.ts';
import catalogues from './routes/catalogues.ts';
import cycles from './routes/cycles.ts';
import dateAgreements from './routes/date-agreements.ts';
import dateLinks from './routes/date-links.ts';
import districts from './routes/districts.ts';
import evaluations from './routes/evaluations.ts';
import followUps from './routes/follow-ups.ts';
import health from './routes/health.ts';
import inbound from './routes/inbound.ts';
import invitations from './routes/invitations.ts';
import mappings from './routes/mappings.ts';
import materials from './routes/materials.ts';
import meetingSessions from './routes/meeting-sessions.ts';
import meetings from './routes/meetings.ts';
import organisations from './routes/organisations.ts';
import outbox from './routes/outbox.ts';
import people from './routes/people.ts';
import privacy from './routes/privacy.ts';
import programmes from './routes/programmes.ts';
import referat from './routes/referat.ts';
import reports from './routes/reports.ts';
import responses from './routes/responses.ts';
import roles from './routes/roles.ts';
import rsvp from './routes/rsvp.ts';
import themes from './routes/themes.ts';
import venues from './routes/venues.ts';
import web from './web/plugin.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
  }
}

/** Builds the whole service without listening: main.ts starts it, tests inject into it. */
export async function buildApp(config: Config): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.LOG_LEVEL, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    bodyLimit: 256 * 1024,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler);
  app.decorate('config', config);

  // external plugins, then the service's own, then routes
  await app.register(problems);
  await app.register(securityHeaders);
  // limits are opt-in per route (config.rateLimit): token and login endpoints, not the whole API
  await app.register(rateLimits);
  await app.register(formbody);
  // files are read by the upload routes alone (acceptFileUploads)
  acceptMultipartUnread(app);
  await app.register(cookie);
  await app.register(openapi);
  await app.register(database, { config });
  await app.register(groupCommit);
  await app.register(authentication);
  await app.register(programmeAccess);
  await app.register(mailer);
  await app.register(meetingChangeWiring);
  await app.register(inboundSmtp);
  await app.register(scheduledReminders);
  await app.register(retention);

  // the API's route plugins, then the pages, each registered under its own name (see named)
  const routePlugins = [
    health,
    programmes,
    accounts,
    catalogues,
    districts,
    organisations,
    people,
    privacy,
    roles,
    areas,
    venues,
    cycles,
    meetings,
    meetingSessions,
    audit,
    invitations,
    outbox,
    rsvp,
    dateAgreements,
    dateLinks,
    responses,
    evaluations,
    inbound,
    calendarFeeds,
    // outcomes: what the meetings achieve
    themes,
    agenda,
    attendance,
    mappings,
    barriers,
    agreements,
    followUps,
    // after the meeting: its referat and materials
    referat,
    materials,
    reports,
    web,
  ];
  for (const plugin of routePlugins) await app.register(named(plugin));
  return app;
}
