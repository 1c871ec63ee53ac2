import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { named } from '../../http/plugin-name.ts';
import { cancelMeeting, getMeeting, updateMeeting } from '../../planning/meeting-updates.ts';
import { RuleConflict } from '../../planning/refusals.ts';
import { CancelMeeting, UpdateMeeting } from '../../planning/schemas.ts';
import { programmeOfAreaKind } from '../../programmes/programmes.ts';
import { html } from '../../text/html.ts';
import type { Language } from '../../text/language.ts';
import { catalogueFor } from '../../text/messages.ts';
import { alert } from '../components.ts';
import { type FormBody, field, pageContext, sendPage } from '../context.ts';
import { pageLanguage } from '../language.ts';
import { page } from '../layout.ts';
import {
  changeSection,
  type MeetingPageOptions,
  type MeetingPageRenderer,
  type MeetingSection,
  type MoveForm,
  meetingIdOf,
  meetingSummary,
  type SectionNotice,
  showRefusal,
} from '../meeting/common.ts';
import { dateRoutes, dateSections } from '../meeting/dates.ts';
import { evaluationRoutes, evaluationSections } from '../meeting/evaluation.ts';
import { invitationRoutes, invitationSections } from '../meeting/invitations.ts';
import { outcomeRoutes, outcomeSections } from '../meeting/outcomes.ts';
import { preparationRoutes, preparationSections } from '../meeting/preparation.ts';
import { referatNoticeHeadings, referatNotices, referatRoutes, referatSections } from '../meeting/referat.ts';
import { sessionRoutes, sessionSections } from '../meeting/sessions.ts';
import { pageRefusal } from '../refusals.ts';

/** The meeting page's words in the page's language (Danish by default). */
const wordsOf = (lang: Language | undefined) => catalogueFor(lang ?? 'da').pages.meeting;

/** The heading a save's redirect lands on (#aftaler); its message is shown there, not at the top. */
const NOTICE_HEADINGS: Record<string, string> = {
  sendt: 'deltagere',
  dagsorden: 'dagsorden',
  fremmoede: 'fremmoede',
  barriere: 'barrierer',
  barrierestatus: 'barrierer',
  aftale: 'aftaler',
  oekt: 'oekter',
  oektgemt: 'oekter',
  oektaflyst: 'oekter',
  evaluering: 'evaluering',
  erfaringer: 'erfaringer',
  datoforslag: 'datoaftale',
  modforslag: 'datoaftale',
  modforslagafvist: 'datoaftale',
  savethedate: 'datoaftale',
  forberedelse: 'forberedelse',
};

/** The meeting page's parts beyond the date and place, in page order. */
const sections: MeetingSection[] = [
  ...dateSections,
  ...preparationSections,
  ...sessionSections,
  ...invitationSections,
  ...outcomeSections,
  ...referatSections,
  ...evaluationSections,
];

/** The message of the save that led here (?besked=…): at the top, or under the heading the save lands on. */
function savedNotices(request: FastifyRequest, options: MeetingPageOptions) {
  const words = wordsOf(pageLanguage(request));
  const besked = (request.query as { besked?: string }).besked;
  const notices: Record<string, string> = {
    ...words.notices,
    ...catalogueFor(pageLanguage(request) ?? 'da').sessions.meetingPage.notices,
    ...referatNotices(pageLanguage(request)),
  };
  const saved = besked && notices[besked] ? alert('success', notices[besked]) : undefined;
  const savedAt = besked ? (NOTICE_HEADINGS[besked] ?? referatNoticeHeadings[besked]) : undefined;
  const sectionNotice: SectionNotice = (headingId) =>
    !options.notice && saved && headingId === savedAt ? saved : '';
  return { notice: options.notice ?? (savedAt ? undefined : saved), sectionNotice };
}

function overviewHref(app: FastifyInstance, m: { year: number; area: { kind: string } }): string {
  const programme = programmeOfAreaKind(app.db, m.area.kind);
  return programme ? `/aar/${m.year}?programme=${encodeURIComponent(programme.key)}` : `/aar/${m.year}`;
}

/** The meeting page: what is planned, then each part of the meeting's year, then moving or cancelling. */
function meetingPageRenderer(app: FastifyInstance): MeetingPageRenderer {
  return (request, reply, id, o = {}) => {
    const m = getMeeting(app.db, id);
    const ctx = pageContext(request);
    const words = wordsOf(ctx.lang);
    const editor = request.actor?.role !== 'viewer';
    const { notice, sectionNotice } = savedNotices(request, o);
    const move: MoveForm = {
      date: m.localDate,
      startTime: m.localStartTime,
      endTime: m.localEndTime,
      venueName: m.venueName ?? '',
      capacity: m.capacity === null ? '' : String(m.capacity),
      ...o.move,
    };
    const body = html`<h1>${m.title}</h1>
      <p>${m.area.districtCode ? html`<a href="/kredse/${m.area.districtCode}">${m.area.name}</a>` : m.area.name}</p>
      ${meetingSummary(ctx, m)}
      ${sections.length ? html`<nav aria-label="${words.onThisPage}"><ul class="inline-list">${sections.map((s) => html`<li><a href="#${s.id}">${s.label(ctx.lang ?? 'da')}</a></li>`)}</ul></nav>` : ''}
      ${sections.map((s) => s.render(app, ctx, m, editor, sectionNotice))}
      ${editor ? changeSection(ctx, m, move) : ''}`;
    return sendPage(
      reply,
      page(ctx, {
        title: m.title,
        section: 'overview',
        body,
        lang: ctx.lang,
        notice,
        // back to the overview of the meeting's own programme, whichever was in view before
        breadcrumbs: [{ href: overviewHref(app, m), text: words.overviewOf(m.year) }],
      }),
      o.status ?? 200,
    );
  };
}

function moveFormOf(b: FormBody): MoveForm {
  return {
    date: field(b, 'date'),
    startTime: field(b, 'startTime'),
    endTime: field(b, 'endTime'),
    venueName: field(b, 'venueName'),
    capacity: field(b, 'capacity'),
  };
}

/** The move form's refusal shown on the meeting page: the rules it breaks, or what to correct. */
function moveRefused(
  meetingPage: MeetingPageRenderer,
  request: FastifyRequest,
  reply: FastifyReply,
  id: number,
  move: MoveForm,
  error: unknown,
) {
  const words = wordsOf(pageLanguage(request));
  if (error instanceof z.ZodError)
    return meetingPage(request, reply, id, { move: { ...move, error: words.checkDateAndTime }, status: 400 });
  if (error instanceof RuleConflict)
    return meetingPage(request, reply, id, { move: { ...move, violations: error.violations }, status: 409 });
  const refusal = pageRefusal(error);
  if (refusal.status >= 500) throw error;
  const text = refusal.status === 400 ? words.checkDateAndTime : refusal.text;
  return meetingPage(request, reply, id, { move: { ...move, error: text }, status: refusal.status });
}

/** POST /moeder/:id/flyt: a new date, time, venue or capacity; broken rules are shown until forced. */
function moveMeetingHandler(app: FastifyInstance, meetingPage: MeetingPageRenderer) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const id = meetingIdOf(request);
    const b = request.body as FormBody;
    const move = moveFormOf(b);
    try {
      const patch = UpdateMeeting.parse({
        version: Number(field(b, 'version')),
        date: move.date,
        startTime: move.startTime,
        endTime: move.endTime,
        venueName: move.venueName || null,
        capacity: move.capacity ? Number(move.capacity) : null,
        force: field(b, 'force') === 'ja',
      });
      updateMeeting(app.db, request.actor!, app.planning, id, patch);
    } catch (error) {
      return moveRefused(meetingPage, request, reply, id, move, error);
    }
    return reply.redirect(`/moeder/${id}?besked=flyttet`, 303);
  };
}

/** POST /moeder/:id/aflys: cancels with a reason; the invitees are told. */
function cancelMeetingHandler(app: FastifyInstance, meetingPage: MeetingPageRenderer) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const id = meetingIdOf(request);
    const b = request.body as FormBody;
    try {
      const input = CancelMeeting.parse({ version: Number(field(b, 'version')), reason: field(b, 'reason') });
      cancelMeeting(app.db, request.actor!, app.planning, id, input);
    } catch (error) {
      return showRefusal(meetingPage, request, reply, id, error, wordsOf(pageLanguage(request)).notCancelled);
    }
    return reply.redirect(`/moeder/${id}?besked=aflyst`, 303);
  };
}

export default async function meetingPages(app: FastifyInstance) {
  const read = { config: { access: 'authenticated' as const } };
  const write = { config: { access: 'editor' as const } };
  const meetingPage = meetingPageRenderer(app);
  app.get('/moeder/:id', read, async (request, reply) => meetingPage(request, reply, meetingIdOf(request)));
  await app.register(named(dateRoutes), { meetingPage });
  await app.register(named(sessionRoutes), { meetingPage });
  await app.register(named(invitationRoutes), { meetingPage });
  await app.register(named(outcomeRoutes), { meetingPage });
  await app.register(named(preparationRoutes), { meetingPage });
  await app.register(named(evaluationRoutes), { meetingPage });
  await app.register(named(referatRoutes), { meetingPage });
  app.post('/moeder/:id/flyt', write, moveMeetingHandler(app, meetingPage));
  app.post('/moeder/:id/aflys', write, cancelMeetingHandler(app, meetingPage));
}
