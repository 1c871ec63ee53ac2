import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { assertRecordAccess } from '../../accounts/access.ts';
import { sendNeedsToHost } from '../../answers/host-needs.ts';
import { meetingResponses } from '../../answers/responses.ts';
import { WebRefusal } from '../../http/problems.ts';
import { getAudience } from '../../invitations/audience.ts';
import { addToAudience, removeFromAudience } from '../../invitations/invitations.ts';
import { facilitatorChoices } from '../../planning/cycles.ts';
import { confirmHost } from '../../planning/host-confirmation.ts';
import { updateMeeting } from '../../planning/meeting-updates.ts';
import { RuleConflict } from '../../planning/refusals.ts';
import { HostConfirmation, type Meeting, UpdateMeeting } from '../../planning/schemas.ts';
import { personIdByEmail } from '../../register/queries/people.ts';
import { dayDate } from '../../text/dates.ts';
import { html, type SafeHtml } from '../../text/html.ts';
import type { Language } from '../../text/language.ts';
import { catalogueFor } from '../../text/messages.ts';
import { listVenues } from '../../venues/venues.ts';
import { alert, badge, checkbox, dateTimeText, selectField, textField } from '../components.ts';
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

/**
 * Preparing a meeting on its page, for what was API-only: its facilitator, its venue from the
 * register and the host's confirmation, its reply deadline, one person more or less in its audience,
 * and the needs the invitees told (for the facilitator; the host gets them from the facilitator).
 */

const wordsOf = (lang: Language | undefined) => catalogueFor(lang ?? 'da').pages.preparation;

function versionField(m: Meeting): SafeHtml {
  return html`<input type="hidden" name="version" value="${m.version}">`;
}

function facilitatorForm(app: FastifyInstance, ctx: PageContext, m: Meeting): SafeHtml {
  const w = wordsOf(ctx.lang);
  const choices = facilitatorChoices(app.db, m.area.kind);
  // the current one stays choosable even when the role was taken from them since
  if (m.facilitator && !choices.some((c) => c.id === m.facilitator!.id)) choices.push(m.facilitator);
  return html`<form method="post" action="/moeder/${m.id}/facilitator" class="mb-5">${csrfField(ctx)}${versionField(m)}
    ${selectField({ pageLang: ctx.lang, id: 'facilitatorId', label: w.facilitator, value: m.facilitator?.id ?? '', required: false, empty: w.noFacilitator, options: choices.map((c) => ({ value: c.id, text: c.name })) })}
    ${checkbox({ id: 'facilitatorForce', name: 'force', label: w.facilitatorAnyway, checked: false })}
    <button type="submit" class="button button-secondary">${w.saveFacilitator}</button></form>`;
}

function placeForms(app: FastifyInstance, ctx: PageContext, m: Meeting): SafeHtml {
  const w = wordsOf(ctx.lang);
  const venues = listVenues(app.db, { limit: 500, offset: 0 }).items;
  const confirmed = m.hostConfirmedAt
    ? badge('success', w.hostConfirmed(String(dateTimeText(m.hostConfirmedAt)), m.hostConfirmedBy ?? ''))
    : badge('warning', w.hostNotConfirmed);
  return html`<form method="post" action="/moeder/${m.id}/sted" class="mb-5">${csrfField(ctx)}${versionField(m)}
    ${selectField({ pageLang: ctx.lang, id: 'venueId', label: w.venue, value: m.venueId ?? '', required: false, empty: w.noVenue, options: venues.map((v) => ({ value: v.id, text: v.fullAddress })) })}
    <button type="submit" class="button button-secondary">${w.saveVenue}</button> <a href="/steder">${w.venuesLink}</a></form>
    <p><strong>${w.host}:</strong> ${m.host?.name ?? w.noHost} ${m.host ? confirmed : ''}</p>
    ${
      m.host
        ? html`<form method="post" action="/moeder/${m.id}/vaert" class="mb-5">${csrfField(ctx)}${versionField(m)}
      ${
        m.hostConfirmedAt
          ? html`<input type="hidden" name="confirmed" value="nej"><button type="submit" class="button button-tertiary">${w.undoConfirm}</button>`
          : html`${textField({ pageLang: ctx.lang, id: 'note', label: w.confirmNote, hint: w.confirmNoteHint, required: false })}
      <input type="hidden" name="confirmed" value="ja"><button type="submit" class="button button-secondary">${w.confirmHost}</button>`
      }</form>`
        : ''
    }`;
}

function replyByForm(ctx: PageContext, m: Meeting): SafeHtml {
  const w = wordsOf(ctx.lang);
  return html`<form method="post" action="/moeder/${m.id}/svarfrist" class="mb-5">${csrfField(ctx)}${versionField(m)}
    ${textField({ pageLang: ctx.lang, id: 'replyBy', label: w.replyBy, type: 'date', value: m.replyBy, required: false, hint: w.replyByHint })}
    <button type="submit" class="button button-secondary">${w.saveReplyBy}</button></form>`;
}

function audienceForms(app: FastifyInstance, ctx: PageContext, m: Meeting): SafeHtml {
  const w = wordsOf(ctx.lang);
  const people = getAudience(app.db, m.id).people;
  return html`<h3>${w.audience}</h3>
    <form method="post" action="/moeder/${m.id}/deltagere" class="mb-5">${csrfField(ctx)}
    ${textField({ pageLang: ctx.lang, id: 'email', label: w.addEmail, type: 'email', autocomplete: 'off' })}
    <button type="submit" class="button button-secondary">${w.add}</button></form>
    <ul class="nobullet-list" id="audience-remove">${people.map(
      (
        p,
      ) => html`<li><form method="post" action="/moeder/${m.id}/deltagere/${p.personId}/fjern" class="inline">${csrfField(ctx)}
        ${p.name} (${p.organisation.name})${p.addedByHand ? html` ${badge('info', w.addedByHand)}` : ''}
        <button type="submit" class="button button-tertiary">${w.remove}<span class="sr-only"> ${p.name}</span></button></form></li>`,
    )}</ul>`;
}

function needsTable(app: FastifyInstance, ctx: PageContext, m: Meeting): SafeHtml {
  const w = wordsOf(ctx.lang);
  const told = meetingResponses(app.db, m.id).invitees.filter((i) => i.dietaryNeeds || i.accessibilityNeeds);
  if (!told.length) return html`<h3>${w.needs}</h3><p>${w.noNeeds}</p>`;
  return html`<h3>${w.needs}</h3>
    <div class="table--responsive-scroll" tabindex="0" role="region" aria-label="${w.needs}">
    <table class="table table--compact" id="needs"><thead><tr><th scope="col">${w.person}</th><th scope="col">${w.dietary}</th><th scope="col">${w.access}</th></tr></thead>
    <tbody>${told.map((i) => html`<tr><td>${i.person.name}, ${i.organisation.name}</td><td>${i.dietaryNeeds ?? ''}</td><td>${i.accessibilityNeeds ?? ''}</td></tr>`)}</tbody></table></div>`;
}

function preparationSection(
  app: FastifyInstance,
  ctx: PageContext,
  m: Meeting,
  editor: boolean,
  notice: SectionNotice,
): SafeHtml {
  const w = wordsOf(ctx.lang);
  const open = editor && m.status !== 'cancelled' && m.status !== 'held';
  return html`<section aria-labelledby="forberedelse"><h2 id="forberedelse">${w.heading}</h2>
    ${notice('forberedelse')}
    ${open ? html`${facilitatorForm(app, ctx, m)}${placeForms(app, ctx, m)}${replyByForm(ctx, m)}` : html`<p><strong>${w.replyBy}:</strong> ${m.replyBy ? dayDate(m.replyBy, ctx.lang) : '–'}</p>`}
    ${needsTable(app, ctx, m)}
    ${open && m.venueId !== null ? html`<form method="post" action="/moeder/${m.id}/behov-til-vaert" class="mb-5">${csrfField(ctx)}<button type="submit" class="button button-secondary">${w.sendToHost}</button></form>` : ''}
    ${open ? audienceForms(app, ctx, m) : ''}</section>`;
}

export const preparationSections: MeetingSection[] = [
  { id: 'forberedelse', label: (lang) => wordsOf(lang).menu, render: preparationSection },
];

type Save = (request: FastifyRequest, id: number, b: FormBody) => void;

/** A form's save: done, the page again at its section; refused, the page with the reason in Danish. */
function saving(meetingPage: MeetingPageRenderer, save: Save) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const id = meetingIdOf(request);
    try {
      save(request, id, request.body as FormBody);
    } catch (error) {
      const lang = pageLanguage(request);
      // a broken planning rule: each rule in the page's words, and how to save anyway
      if (error instanceof RuleConflict) {
        const text = catalogueFor(lang);
        const rules = html`<ul>${error.violations.map((v) => html`<li>${text.planning.rule(v)}</li>`)}</ul><p>${wordsOf(lang).facilitatorAnyway}.</p>`;
        return meetingPage(request, reply, id, {
          notice: alert('warning', wordsOf(lang).notSaved, rules),
          status: 409,
        });
      }
      return showRefusal(meetingPage, request, reply, id, error, wordsOf(lang).notSaved);
    }
    return reply.redirect(`/moeder/${id}?besked=forberedelse#forberedelse`, 303);
  };
}

const version = (b: FormBody) => Number(field(b, 'version'));
const idOrNull = (value: string) => (value ? Number(value) : null);

/** The preparation section's forms, each through the same domain function as the API. */
export async function preparationRoutes(app: FastifyInstance, opts: { meetingPage: MeetingPageRenderer }) {
  const write = { config: { access: 'editor' as const } };
  const save = (fn: Save) => saving(opts.meetingPage, fn);
  const patch = (request: FastifyRequest, id: number, body: Record<string, unknown>) =>
    updateMeeting(app.db, request.actor!, app.planning, id, UpdateMeeting.parse(body));
  app.post(
    '/moeder/:id/facilitator',
    write,
    save((request, id, b) =>
      patch(request, id, {
        version: version(b),
        facilitatorId: idOrNull(field(b, 'facilitatorId')),
        force: field(b, 'force') === 'ja',
      }),
    ),
  );
  app.post(
    '/moeder/:id/sted',
    write,
    save((request, id, b) =>
      patch(request, id, { version: version(b), venueId: idOrNull(field(b, 'venueId')) }),
    ),
  );
  app.post(
    '/moeder/:id/svarfrist',
    write,
    save((request, id, b) =>
      patch(request, id, { version: version(b), replyBy: field(b, 'replyBy') || null }),
    ),
  );
  app.post(
    '/moeder/:id/vaert',
    write,
    save((request, id, b) =>
      confirmHost(
        app.db,
        request.actor!,
        id,
        HostConfirmation.parse({
          version: version(b),
          confirmed: field(b, 'confirmed') !== 'nej',
          note: field(b, 'note') || undefined,
        }),
      ),
    ),
  );
  app.post(
    '/moeder/:id/behov-til-vaert',
    write,
    save((request, id) => sendNeedsToHost(app.db, app.config, request.actor!, id)),
  );
  app.post(
    '/moeder/:id/deltagere',
    write,
    save((request, id, b) => {
      const personId = personIdByEmail(app.db, field(b, 'email').trim().toLowerCase());
      if (personId === undefined) throw new WebRefusal(400, wordsOf(pageLanguage(request)).unknownEmail);
      // another programme's person is as unknown here as in the API
      assertRecordAccess(app.db, request.actor!, 'person', personId, 'read');
      addToAudience(app.db, request.actor!, id, personId);
    }),
  );
  app.post(
    '/moeder/:id/deltagere/:personId/fjern',
    write,
    save((request, id) => {
      const personId = Number((request.params as { personId: string }).personId);
      removeFromAudience(app.db, app.config, request.actor!, id, personId);
    }),
  );
}
