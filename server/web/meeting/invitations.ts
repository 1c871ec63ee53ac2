import type { FastifyInstance } from 'fastify';
import { meetingResponses } from '../../answers/responses.ts';
import { getAudience } from '../../invitations/audience.ts';
import { sendInvitations } from '../../invitations/invitations.ts';
import { meetingDeliveryFailures } from '../../mail/delivery-reports.ts';
import { outboxCounts } from '../../mail/outbox-admin.ts';
import type { Meeting } from '../../planning/schemas.ts';
import { html, type SafeHtml } from '../../text/html.ts';
import type { Language } from '../../text/language.ts';
import { catalogueFor } from '../../text/messages.ts';
import { alert, badge } from '../components.ts';
import { deliveryFailuresBlock } from '../delivery-failures.ts';
import { pageLanguage } from '../language.ts';
import { csrfField, type PageContext } from '../layout.ts';
import {
  type MeetingPageRenderer,
  type MeetingSection,
  meetingIdOf,
  type SectionNotice,
  showRefusal,
} from './common.ts';

/** The words of the page's language (ctx.lang), Danish when none is given. */
function textsOf(ctx: { lang?: Language }) {
  const { labels, pages } = catalogueFor(ctx.lang ?? 'da');
  return { labels, words: pages.invitations };
}

/** How far the meeting's emails have come: the page's progress bar and its polling read this. */
export function sendingProgress(app: FastifyInstance, meetingId: number) {
  const by = outboxCounts(app.db, meetingId);
  const total = by.queued + by.sending + by.sent + by.failed;
  return { total, sent: by.sent, failed: by.failed, pending: by.queued + by.sending };
}

function progressSection(app: FastifyInstance, ctx: PageContext, meetingId: number): SafeHtml {
  const { words } = textsOf(ctx);
  const p = sendingProgress(app, meetingId);
  if (!p.total) return html``;
  return html`<div id="send-progress" data-progress-url="/moeder/${meetingId}/udsendelse?tekst=ja" class="mt-5">
    <label for="send-progress-bar" class="form-label">${words.sending}</label>
    <progress id="send-progress-bar" max="${p.total}" value="${p.sent + p.failed}">${words.progressOf(p.sent, p.total)}</progress>
    <p aria-live="polite" id="send-progress-text">${words.progress(p.sent, p.total, p.failed, p.pending)}
      <a href="/udbakke?status=${p.failed ? 'failed' : 'sent'}">${words.seeOutbox}</a></p></div>`;
}

function audienceSection(
  app: FastifyInstance,
  ctx: PageContext,
  m: Meeting,
  editor: boolean,
  notice: SectionNotice,
): SafeHtml {
  const { labels, words } = textsOf(ctx);
  const audience = getAudience(app.db, m.id);
  const notInvited = audience.people.filter((p) => p.invitation?.state !== 'sent').length;
  const canSend = editor && notInvited > 0 && m.status !== 'cancelled' && m.status !== 'held';
  return html`<section aria-labelledby="deltagere"><h2 id="deltagere">${words.audience}</h2>
    ${notice('deltagere')}
    ${
      audience.coverage.gaps.length
        ? alert(
            'warning',
            words.notCovered,
            html`<ul>${audience.coverage.gaps.map((g) => html`<li>${g.message}</li>`)}</ul>`,
          )
        : alert('success', words.allCovered)
    }
    <p>${words.inAudience(audience.people.length, audience.people.length - notInvited)}</p>
    ${
      canSend
        ? html`<form method="post" action="/moeder/${m.id}/inviter">${csrfField(ctx)}
        <button type="submit" class="button button-primary">${words.send(notInvited)}</button></form>`
        : ''
    }
    ${progressSection(app, ctx, m.id)}
    ${deliveryFailuresBlock(meetingDeliveryFailures(app.db, m.id), { showRecipient: true })}
    <details class="details mt-5"><summary class="details-summary">${words.showAudience}</summary><div class="details-text">
    <div class="table--responsive-scroll" tabindex="0" role="region" aria-label="${words.audienceLabel}">
    <table class="table table--compact" id="audience"><thead><tr><th scope="col">${words.name}</th><th scope="col">${words.organisation}</th><th scope="col">${words.roles}</th><th scope="col">${words.invitation}</th></tr></thead>
    <tbody>${audience.people.map(
      (
        p,
      ) => html`<tr><td>${p.name}</td><td>${p.organisation.name}</td><td>${p.roles.map((r) => r.name).join(', ')}</td>
        <td>${p.invitation ? (p.invitation.state === 'sent' ? labels.response[p.invitation.response] : words.notSent) : words.notInvited}</td></tr>`,
    )}</tbody></table></div></div></details></section>`;
}

function answersSection(app: FastifyInstance, ctx: PageContext, m: Meeting): SafeHtml {
  const { labels, words } = textsOf(ctx);
  const r = meetingResponses(app.db, m.id);
  if (!r.invitees.length)
    return html`<section aria-labelledby="svar"><h2 id="svar">${words.answers}</h2><p>${words.nobodyInvited}</p></section>`;
  const yes = (v: boolean) => (v ? badge('success', words.yes) : badge('warning', words.no));
  return html`<section aria-labelledby="svar"><h2 id="svar">${words.answers}</h2>
    <p>${words.counts(r.counts.accepted, r.counts.declined, r.counts.tentative, r.counts.noAnswer)}${r.capacity ? words.capacity(r.capacity) : ''}${r.counts.waitlisted ? words.waitlisted(r.counts.waitlisted) : ''}.</p>
    <h3>${words.byOrganisation}</h3>
    <div class="table--responsive-scroll" tabindex="0" role="region" aria-label="${words.byOrganisationLabel}">
    <table class="table table--compact" id="answers-by-organisation"><thead><tr><th scope="col">${words.organisation}</th><th scope="col">${words.invited}</th><th scope="col">${words.attending}</th><th scope="col">${words.declined}</th><th scope="col">${words.waitingList}</th><th scope="col">${words.leadership}</th><th scope="col">${words.practice}</th></tr></thead>
    <tbody>${r.organisations.map(
      (o) =>
        html`<tr><th scope="row">${o.name}</th><td>${o.invited}</td><td>${o.accepted}</td><td>${o.declined}</td><td>${o.waitlisted}</td><td>${yes(o.leadership)}</td><td>${yes(o.practice)}</td></tr>`,
    )}</tbody></table></div>
    <h3>${words.byPerson}</h3>
    <div class="table--responsive-scroll" tabindex="0" role="region" aria-label="${words.byPersonLabel}">
    <table class="table table--compact" id="answers"><thead><tr><th scope="col">${words.name}</th><th scope="col">${words.organisation}</th><th scope="col">${words.answer}</th><th scope="col">${words.comment}</th></tr></thead>
    <tbody>${r.invitees.map(
      (i) => html`<tr><td>${i.person.name}</td><td>${i.organisation.name}</td>
        <td>${labels.response[i.response] ?? i.response}${i.waitlisted ? words.waitlistPosition(i.waitlistPosition ?? 0) : ''}${i.delegatedTo ? html` → ${i.delegatedTo.name}` : ''}${i.late ? html` ${badge('warning', catalogueFor(ctx.lang ?? 'da').pages.preparation.late)}` : ''}</td><td>${i.comment ?? ''}</td></tr>`,
    )}</tbody></table></div></section>`;
}

export const invitationSections: MeetingSection[] = [
  { id: 'deltagere', label: (lang) => textsOf({ lang }).words.participants, render: audienceSection },
  { id: 'svar', label: (lang) => textsOf({ lang }).words.answers, render: answersSection },
];

/** Sending a meeting's invitations, and the progress of the outbox while it drains. */
export async function invitationRoutes(app: FastifyInstance, opts: { meetingPage: MeetingPageRenderer }) {
  const { meetingPage } = opts;
  const read = { config: { access: 'authenticated' as const } };
  const write = { config: { access: 'editor' as const } };
  // ?tekst=ja adds the sentence the page shows, so the polling script says it in the page's words
  app.get('/moeder/:id/udsendelse', read, async (request) => {
    const p = sendingProgress(app, meetingIdOf(request));
    if ((request.query as { tekst?: string }).tekst !== 'ja') return p;
    const { words } = textsOf({ lang: pageLanguage(request) });
    return { ...p, text: words.progress(p.sent, p.total, p.failed, p.pending) };
  });

  app.post('/moeder/:id/inviter', write, async (request, reply) => {
    const id = meetingIdOf(request);
    try {
      sendInvitations(app.db, app.config, request.actor!, id);
    } catch (error) {
      const { words } = textsOf({ lang: pageLanguage(request) });
      return showRefusal(meetingPage, request, reply, id, error, words.notSentHeading);
    }
    return reply.redirect(`/moeder/${id}?besked=sendt#deltagere`, 303);
  });
}
