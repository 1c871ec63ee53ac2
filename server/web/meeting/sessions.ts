import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFound } from '../../http/problems.ts';
import { hasSessions } from '../../meeting-sessions/queries.ts';
import {
  CancelMeetingSession,
  type MeetingSession,
  NewMeetingSession,
  UpdateMeetingSession,
} from '../../meeting-sessions/schemas.ts';
import {
  cancelSession,
  createSession,
  listSessions,
  updateSession,
} from '../../meeting-sessions/sessions.ts';
import type { Meeting } from '../../planning/schemas.ts';
import { html, type SafeHtml } from '../../text/html.ts';
import type { Language } from '../../text/language.ts';
import { listText } from '../../text/lists.ts';
import { catalogueFor } from '../../text/messages.ts';
import { alert, dateText, textField } from '../components.ts';
import { type FormBody, field } from '../context.ts';
import { pageLanguage } from '../language.ts';
import { csrfField, type PageContext } from '../layout.ts';
import {
  type MeetingPageRenderer,
  type MeetingSection,
  meetingIdOf,
  type SectionNotice,
  showRefusal,
} from './common.ts';

/** The words of the page's language, Danish by default. */
const wordsOf = (lang: Language | undefined) => catalogueFor(lang ?? 'da').sessions.meetingPage;

/** The fields of a session's form, pre-filled with the session (or empty for a new one). */
function sessionFields(ctx: PageContext, prefix: string, s?: MeetingSession): SafeHtml {
  const w = wordsOf(ctx.lang);
  const f = (
    id: string,
    label: string,
    value: string | number | null | undefined,
    type = 'text',
    required = true,
  ) =>
    textField({
      pageLang: ctx.lang,
      id: `${prefix}${id}`,
      name: id,
      label,
      value: value ?? '',
      type,
      required,
    });
  return html`<div class="row">
      <div class="col-12 col-md-4">${f('date', w.date, s?.localDate, 'date')}</div>
      <div class="col-6 col-md-4">${f('startTime', w.startTime, s?.localStartTime, 'time')}</div>
      <div class="col-6 col-md-4">${f('endTime', w.endTime, s?.localEndTime, 'time')}</div>
    </div>
    ${f('venueName', w.venueName, s?.venueName, 'text', false)}
    ${f('venueAddress', w.venueAddress, s?.venueAddress, 'text', false)}
    ${f('capacity', w.capacityField, s?.capacity, 'number')}`;
}

function sessionRow(ctx: PageContext, m: Meeting, s: MeetingSession): SafeHtml {
  const w = wordsOf(ctx.lang);
  const place = [s.venueName ?? m.venueName, s.venueAddress ?? m.venueAddress].filter(Boolean).join(', ');
  return html`<tr><td>${dateText(s.startsAt)}, ${s.localStartTime}–${s.localEndTime}${s.cancelledAt ? html` <span class="badge badge-error">${w.cancelled}</span>` : ''}</td>
    <td>${place || '–'}</td><td>${s.accepted}</td><td>${s.capacity}</td><td>${s.waiting}</td><td>${s.attended}</td></tr>`;
}

/** Edit or move one session, and cancel it: only its participants are told. */
function sessionForms(ctx: PageContext, m: Meeting, s: MeetingSession): SafeHtml {
  const w = wordsOf(ctx.lang);
  return html`<details class="details"><summary class="details-summary">${w.edit}: ${dateText(s.startsAt)}, ${s.localStartTime}–${s.localEndTime}</summary>
    <div class="details-text">
    <form method="post" action="/moeder/${m.id}/oekter/${s.id}" novalidate>${csrfField(ctx)}
      <input type="hidden" name="version" value="${s.version}">
      ${sessionFields(ctx, `s${s.id}-`, s)}
      <button type="submit" class="button button-secondary">${w.save}</button>
    </form>
    <form method="post" action="/moeder/${m.id}/oekter/${s.id}/aflys" class="mt-5">${csrfField(ctx)}
      <input type="hidden" name="version" value="${s.version}">
      <button type="submit" class="button button-warning" data-confirm="${w.cancelConfirm}">${w.cancel}</button>
    </form></div></details>`;
}

/**
 * The meeting page's sessions: each with participants, places, waiting list and attendance, the
 * meeting's sums, and for facilitators the forms to add, move and cancel sessions.
 */
function sessionsSection(
  app: FastifyInstance,
  ctx: PageContext,
  m: Meeting,
  editor: boolean,
  notice: SectionNotice,
): SafeHtml {
  const w = wordsOf(ctx.lang);
  const list = listSessions(app.db, m.id);
  const open = m.status !== 'cancelled' && m.status !== 'held';
  const canAdd = editor && open && (m.status !== 'invited' || hasSessions(app.db, m.id));
  const t = list.totals;
  const table = list.sessions.length
    ? html`<div class="table--responsive-scroll" tabindex="0" role="region" aria-label="${w.heading}">
    <table class="table table--compact" id="sessions"><thead><tr><th scope="col">${w.when}</th><th scope="col">${w.where}</th><th scope="col">${w.accepted}</th><th scope="col">${w.capacity}</th><th scope="col">${w.waiting}</th><th scope="col">${w.attended}</th></tr></thead>
    <tbody>${list.sessions.map((s) => sessionRow(ctx, m, s))}</tbody>
    <tfoot><tr><th scope="row" colspan="2">${w.total}</th><td>${t.accepted}</td><td>${t.capacity}</td><td>${t.waiting}</td><td>${t.attended}</td></tr></tfoot></table></div>`
    : html`<p>${w.none}</p>`;
  const active = list.sessions.filter((s) => s.cancelledAt === null);
  return html`<section aria-labelledby="oekter"><h2 id="oekter">${w.heading}</h2>
    ${notice('oekter')}
    ${list.sessions.length ? html`<p>${w.intro}</p>` : ''}
    ${table}
    ${editor && open ? active.map((s) => sessionForms(ctx, m, s)) : ''}
    ${
      canAdd
        ? html`<details class="details mt-5"><summary class="details-summary">${w.add}</summary><div class="details-text">
      <form method="post" action="/moeder/${m.id}/oekter" novalidate>${csrfField(ctx)}
        ${sessionFields(ctx, 'new-')}
        <button type="submit" class="button button-primary">${w.add}</button>
      </form></div></details>`
        : ''
    }</section>`;
}

export const sessionSections: MeetingSection[] = [
  { id: 'oekter', label: (lang) => wordsOf(lang).heading, render: sessionsSection },
];

/** The form as the API's shape: empty optional fields are left out, numbers are numbers. */
function formSession(b: FormBody) {
  const text = (name: string) => field(b, name) || undefined;
  const number = (name: string) => (field(b, name) ? Number(field(b, name)) : undefined);
  return {
    date: text('date'),
    startTime: text('startTime'),
    endTime: text('endTime'),
    venueName: field(b, 'venueName') || null,
    venueAddress: field(b, 'venueAddress') || null,
    capacity: number('capacity'),
  };
}

function sessionIdOf(request: FastifyRequest): number {
  const id = Number((request.params as { sessionId: string }).sessionId);
  if (!Number.isInteger(id) || id < 1)
    throw new NotFound('Session', (request.params as { sessionId: string }).sessionId);
  return id;
}

/** A refused form: the fields to correct by their labels, or the refusal's own sentence. */
function refused(
  meetingPage: MeetingPageRenderer,
  request: FastifyRequest,
  reply: FastifyReply,
  id: number,
  error: unknown,
) {
  const lang = pageLanguage(request);
  const w = wordsOf(lang);
  if (!(error instanceof z.ZodError)) return showRefusal(meetingPage, request, reply, id, error, w.notSaved);
  const labels: Record<string, string> = {
    date: w.date,
    startTime: w.startTime,
    endTime: w.endTime,
    venueName: w.venueName,
    venueAddress: w.venueAddress,
    capacity: w.capacityField,
  };
  const named = [...new Set(error.issues.map((i) => labels[String(i.path[0])] ?? String(i.path[0])))];
  return meetingPage(request, reply, id, {
    notice: alert('error', w.notSaved, w.checkFields(listText(named, lang ?? 'da'))),
    status: 400,
  });
}

/** Adding, moving and cancelling a meeting's sessions from its page. */
export async function sessionRoutes(app: FastifyInstance, opts: { meetingPage: MeetingPageRenderer }) {
  const { meetingPage } = opts;
  const write = { config: { access: 'editor' as const } };
  const done = (reply: FastifyReply, id: number, besked: string) =>
    reply.redirect(`/moeder/${id}?besked=${besked}#oekter`, 303);

  app.post('/moeder/:id/oekter', write, async (request, reply) => {
    const id = meetingIdOf(request);
    try {
      createSession(
        app.db,
        request.actor!,
        id,
        NewMeetingSession.parse(formSession(request.body as FormBody)),
      );
    } catch (error) {
      return refused(meetingPage, request, reply, id, error);
    }
    return done(reply, id, 'oekt');
  });

  app.post('/moeder/:id/oekter/:sessionId', write, async (request, reply) => {
    const id = meetingIdOf(request);
    const b = request.body as FormBody;
    try {
      const patch = UpdateMeetingSession.parse({ version: Number(field(b, 'version')), ...formSession(b) });
      updateSession(app.db, app.config, request.actor!, id, sessionIdOf(request), patch);
    } catch (error) {
      return refused(meetingPage, request, reply, id, error);
    }
    return done(reply, id, 'oektgemt');
  });

  app.post('/moeder/:id/oekter/:sessionId/aflys', write, async (request, reply) => {
    const id = meetingIdOf(request);
    try {
      const input = CancelMeetingSession.parse({
        version: Number(field(request.body as FormBody, 'version')),
      });
      cancelSession(app.db, app.config, request.actor!, id, sessionIdOf(request), input);
    } catch (error) {
      return refused(meetingPage, request, reply, id, error);
    }
    return done(reply, id, 'oektaflyst');
  });
}
