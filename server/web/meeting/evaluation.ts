import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getLessons, putLessons } from '../../evaluation/lessons.ts';
import { meetingEvaluation } from '../../evaluation/results.ts';
import { type EvaluationResults, MIN_ANSWERS_SHOWN, PutMeetingLessons } from '../../evaluation/schemas.ts';
import { sendSurvey } from '../../evaluation/surveys.ts';
import type { Meeting } from '../../planning/schemas.ts';
import { dayDate } from '../../text/dates.ts';
import { html, type SafeHtml } from '../../text/html.ts';
import type { Language } from '../../text/language.ts';
import { catalogueFor } from '../../text/messages.ts';
import { formatShare } from '../../text/numbers.ts';
import { textArea } from '../components.ts';
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

const textsOf = (lang: Language | undefined) => catalogueFor(lang ?? 'da').evaluation;

/** Results as a table of means and a list of free texts; only the response rate under 5 answers. */
export function resultsHtml(results: EvaluationResults, lang: Language): SafeHtml {
  const w = textsOf(lang).results;
  const rate = html`<p>${w.responseRate(results.answered, results.asked, formatShare(results.answered, results.asked, lang))}</p>`;
  if (!results.shown) return html`${rate}<p>${w.hidden(MIN_ANSWERS_SHOWN)}</p>`;
  const scales = results.questions.filter((q) => q.kind === 'scale');
  const texts = results.questions.filter((q) => q.kind === 'text' && q.texts?.length);
  return html`${rate}
    <table class="table table--compact"><thead><tr><th>${w.question}</th><th>${w.mean}</th><th>${w.answersHeader}</th></tr></thead>
    <tbody>${scales.map((q) => html`<tr><td>${q.label}</td><td>${q.mean === null ? '–' : q.mean.toLocaleString(lang, { maximumFractionDigits: 1 })}</td><td>${q.answers}</td></tr>`)}</tbody></table>
    ${texts.map((q) => html`<h3>${q.label}</h3><ul>${(q.texts ?? []).map((t) => html`<li>${t}</li>`)}</ul>`)}`;
}

function evaluationSection(
  app: FastifyInstance,
  ctx: PageContext,
  m: Meeting,
  editor: boolean,
  notice: SectionNotice,
): SafeHtml {
  const w = textsOf(ctx.lang).results;
  if (m.status === 'cancelled') return html``;
  const lang = ctx.lang ?? 'da';
  const evaluation = meetingEvaluation(app.db, m.id, lang);
  let body: SafeHtml;
  if (evaluation.sentAt)
    body = html`<p>${w.sent(dayDate(evaluation.sentAt, lang))}. ${w.remindOn(dayDate(evaluation.remindOn, lang))}</p>
      ${resultsHtml(evaluation.results, lang)}`;
  else if (m.status === 'held' && editor)
    body = html`<p>${w.notSent}</p><form method="post" action="/moeder/${m.id}/evaluering" novalidate>${csrfField(ctx)}
      <button type="submit" class="button button-secondary">${w.send}</button></form>`;
  else body = html`<p>${m.status === 'held' ? w.notSent : w.notHeldYet}</p>`;
  return html`<section aria-labelledby="evaluering"><h2 id="evaluering">${w.heading}</h2>${notice('evaluering')}${body}</section>`;
}

function lessonsSection(
  app: FastifyInstance,
  ctx: PageContext,
  m: Meeting,
  editor: boolean,
  notice: SectionNotice,
): SafeHtml {
  const w = textsOf(ctx.lang).lessons;
  if (m.status === 'cancelled') return html``;
  const lessons = getLessons(app.db, m.id);
  const form = html`<form method="post" action="/moeder/${m.id}/erfaringer" novalidate>${csrfField(ctx)}
    <input type="hidden" name="version" value="${lessons.version}">
    ${textArea({ pageLang: ctx.lang, id: 'lessons', name: 'text', label: w.heading, hint: w.hint, value: lessons.text, rows: 4, required: false, lang: 'mul' })}
    <button type="submit" class="button button-secondary">${w.save}</button></form>`;
  return html`<section aria-labelledby="erfaringer"><h2 id="erfaringer">${w.heading}</h2>${notice('erfaringer')}
    ${editor ? form : html`<p>${lessons.text || w.none}</p>`}</section>`;
}

export const evaluationSections: MeetingSection[] = [
  { id: 'evaluering', label: (lang) => textsOf(lang).results.heading, render: evaluationSection },
  { id: 'erfaringer', label: (lang) => textsOf(lang).lessons.heading, render: lessonsSection },
];

/** Sending the survey and writing the lessons from the meeting page; a refusal is shown in place. */
export async function evaluationRoutes(app: FastifyInstance, opts: { meetingPage: MeetingPageRenderer }) {
  const write = { config: { access: 'editor' as const } };
  const landing = (
    request: FastifyRequest,
    reply: FastifyReply,
    save: (id: number) => void,
    saved: string,
  ) => {
    const id = meetingIdOf(request);
    try {
      save(id);
    } catch (error) {
      const w = textsOf(pageLanguage(request));
      const heading = saved === 'evaluering' ? w.results.send : w.lessons.save;
      return showRefusal(opts.meetingPage, request, reply, id, error, heading);
    }
    return reply.redirect(`/moeder/${id}?besked=${saved}#${saved}`, 303);
  };
  app.post('/moeder/:id/evaluering', write, async (request, reply) =>
    landing(
      request,
      reply,
      (id) => {
        sendSurvey(app.db, app.config, request.actor, id);
      },
      'evaluering',
    ),
  );
  app.post('/moeder/:id/erfaringer', write, async (request, reply) =>
    landing(
      request,
      reply,
      (id) => {
        const b = request.body as FormBody;
        const input = PutMeetingLessons.parse({
          text: field(b, 'text'),
          version: Number(field(b, 'version')),
        });
        putLessons(app.db, request.actor!, id, input);
      },
      'erfaringer',
    ),
  );
}
