import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { cancelMeeting, getMeeting, updateMeeting } from '../../planning/meeting-updates.ts';
import { RuleConflict } from '../../planning/refusals.ts';
import { CancelMeeting, UpdateMeeting } from '../../planning/schemas.ts';
import { html } from '../../text/html.ts';
import { alert } from '../components.ts';
import { type FormBody, field, pageContext, sendPage } from '../context.ts';
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
import { invitationRoutes, invitationSections } from '../meeting/invitations.ts';
import { outcomeRoutes, outcomeSections } from '../meeting/outcomes.ts';
import { pageRefusal } from '../refusals.ts';

const NOTICES: Record<string, string> = {
  flyttet: 'Mødet er flyttet. Inviterede får en opdateret kalenderinvitation.',
  aflyst: 'Mødet er aflyst. Inviterede får besked.',
  sendt: 'Invitationerne er lagt i udbakken og sendes nu.',
  dagsorden: 'Punktet er føjet til dagsordenen.',
  fremmoede: 'Fremmødet er gemt.',
  barriere: 'Barrieren er registreret.',
  barrierestatus: 'Barrierens status er ændret.',
  aftale: 'Aftalen er registreret.',
};
/** The heading a save's redirect lands on (#aftaler); its message is shown there, not at the top. */
const NOTICE_HEADINGS: Record<string, string> = {
  sendt: 'deltagere',
  dagsorden: 'dagsorden',
  fremmoede: 'fremmoede',
  barriere: 'barrierer',
  barrierestatus: 'barrierer',
  aftale: 'aftaler',
};

/** The meeting page's parts beyond the date and place, in page order. */
const sections: MeetingSection[] = [...invitationSections, ...outcomeSections];

/** The meeting page: what is planned, then each part of the meeting's year, then moving or cancelling. */
export default async function meetingPages(app: FastifyInstance) {
  // Meeting changes queue mail in the same transaction; the sender is told at once.
  const kick = () => app.mailer.kick();
  const read = { config: { access: 'authenticated' as const } };
  const write = { config: { access: 'editor' as const } };

  const meetingPage: MeetingPageRenderer = (request, reply, id, o: MeetingPageOptions = {}) => {
    const m = getMeeting(app.db, id);
    const ctx = pageContext(request);
    const editor = request.actor?.role !== 'viewer';
    const besked = (request.query as { besked?: string }).besked;
    const saved = besked && NOTICES[besked] ? alert('success', NOTICES[besked]) : undefined;
    const savedAt = besked ? NOTICE_HEADINGS[besked] : undefined;
    const notice = o.notice ?? (savedAt ? undefined : saved);
    const sectionNotice: SectionNotice = (headingId) =>
      !o.notice && saved && headingId === savedAt ? saved : '';
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
      ${meetingSummary(m)}
      ${sections.length ? html`<nav aria-label="På siden"><ul class="inline-list">${sections.map((s) => html`<li><a href="#${s.id}">${s.label}</a></li>`)}</ul></nav>` : ''}
      ${sections.map((s) => s.render(app, ctx, m, editor, sectionNotice))}
      ${editor ? changeSection(ctx, m, move) : ''}`;
    return sendPage(
      reply,
      page(ctx, {
        title: m.title,
        section: 'overview',
        body,
        notice,
        breadcrumbs: [{ href: `/aar/${m.year}`, text: `Overblik ${m.year}` }],
      }),
      o.status ?? 200,
    );
  };

  app.get('/moeder/:id', read, async (request, reply) => meetingPage(request, reply, meetingIdOf(request)));
  await app.register(invitationRoutes, { meetingPage });
  await app.register(outcomeRoutes, { meetingPage });

  app.post('/moeder/:id/flyt', write, async (request, reply) => {
    const id = meetingIdOf(request);
    const b = request.body as FormBody;
    const move = {
      date: field(b, 'date'),
      startTime: field(b, 'startTime'),
      endTime: field(b, 'endTime'),
      venueName: field(b, 'venueName'),
      capacity: field(b, 'capacity'),
    };
    try {
      updateMeeting(
        app.db,
        request.actor!,
        app.planning,
        id,
        UpdateMeeting.parse({
          version: Number(field(b, 'version')),
          date: move.date,
          startTime: move.startTime,
          endTime: move.endTime,
          venueName: move.venueName || null,
          capacity: move.capacity ? Number(move.capacity) : null,
          force: field(b, 'force') === 'ja',
        }),
      );
    } catch (error) {
      if (error instanceof z.ZodError)
        return meetingPage(request, reply, id, {
          move: { ...move, error: 'Tjek dato og klokkeslæt.' },
          status: 400,
        });
      if (error instanceof RuleConflict)
        return meetingPage(request, reply, id, {
          move: { ...move, violations: error.violations },
          status: 409,
        });
      const refusal = pageRefusal(error);
      if (refusal.status >= 500) throw error;
      const text = refusal.status === 400 ? 'Tjek dato og klokkeslæt.' : refusal.text;
      return meetingPage(request, reply, id, { move: { ...move, error: text }, status: refusal.status });
    }
    kick();
    return reply.redirect(`/moeder/${id}?besked=flyttet`, 303);
  });

  app.post('/moeder/:id/aflys', write, async (request, reply) => {
    const id = meetingIdOf(request);
    const b = request.body as FormBody;
    try {
      cancelMeeting(
        app.db,
        request.actor!,
        app.planning,
        id,
        CancelMeeting.parse({
          version: Number(field(b, 'version')),
          reason: field(b, 'reason'),
        }),
      );
    } catch (error) {
      return showRefusal(
        meetingPage,
        request,
        reply,
        id,
        error,
        'Mødet blev ikke aflyst – skriv en begrundelse',
      );
    }
    kick();
    return reply.redirect(`/moeder/${id}?besked=aflyst`, 303);
  });
}
