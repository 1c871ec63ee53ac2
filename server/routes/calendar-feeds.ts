import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type CalendarFile, districtFeed, meetingCalendar } from '../calendar/feeds.ts';
import { IdParams } from '../http/common-schemas.ts';
import { notFound, Problem } from '../http/problems.ts';

const tags = ['calendar'];

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim().replace(/^W\//, '');
    return t === '*' || t === etag;
  });
}

/** Sends a calendar file with its validators; 304 when the client already has these bytes. */
function sendCalendar(
  request: FastifyRequest,
  reply: FastifyReply,
  file: CalendarFile,
  cacheControl: string,
) {
  reply.header('etag', file.etag).header('cache-control', cacheControl);
  if (file.lastModified) reply.header('last-modified', file.lastModified.toUTCString());
  const inm = request.headers['if-none-match'];
  const ims = request.headers['if-modified-since'];
  const fresh = inm
    ? etagMatches(inm, file.etag)
    : Boolean(
        ims && file.lastModified && Date.parse(ims) >= Math.floor(file.lastModified.getTime() / 1000) * 1000,
      );
  if (fresh) return reply.code(304).send();
  return reply.type('text/calendar; charset=utf-8').send(file.body);
}

/** Subscribable calendars: a district's meetings for anyone, one meeting with its invitees for users. */
const calendarFeeds: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/calendar/districts/:file',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          "A police district's meetings as an iCalendar feed (METHOD:PUBLISH), e.g. /calendar/districts/1471.ics",
        description:
          'No attendee addresses. DTSTAMP and LAST-MODIFIED are the time of the last change of each meeting. ETag and Last-Modified; If-None-Match / If-Modified-Since answer 304.',
        params: z.strictObject({
          file: z.string().regex(/^[0-9A-Za-z-]{1,20}\.ics$/, 'a district code and .ics'),
        }),
        produces: ['text/calendar'],
        response: { 200: z.string(), 304: z.void(), 400: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const code = request.params.file.replace(/\.ics$/, '');
      const file = districtFeed(app.db, code);
      if (!file) throw notFound('Police district', code);
      return sendCalendar(request, reply, file, 'public, max-age=300');
    },
  );

  app.get(
    '/api/meetings/:id/calendar.ics',
    {
      schema: {
        tags,
        summary: 'One meeting as iCalendar, with every invitee as ATTENDEE (PARTSTAT, DELEGATED-TO/FROM)',
        params: IdParams,
        produces: ['text/calendar'],
        response: { 200: z.string(), 304: z.void(), 404: Problem },
      },
    },
    async (request, reply) =>
      sendCalendar(request, reply, meetingCalendar(app.db, request.params.id), 'private, no-cache'),
  );
};
export default calendarFeeds;
