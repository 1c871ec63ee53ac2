import type { FastifyInstance } from 'fastify';
import { agreementStatuses, agreementTypes, barrierCategories } from '../../../db/schema/index.ts';
import { meetingResponses } from '../../answers/responses.ts';
import { createAgendaItem, listAgenda } from '../../outcomes/agenda.ts';
import { createAgreement, listAgreements } from '../../outcomes/agreements.ts';
import { getAttendance, putAttendance } from '../../outcomes/attendance.ts';
import { barrierTransitions, createBarrier, listBarriers, updateBarrier } from '../../outcomes/barriers.ts';
import {
  type Barrier,
  CreateAgendaItem,
  CreateAgreement,
  CreateBarrier,
  PutAttendance,
  UpdateBarrier,
} from '../../outcomes/schemas.ts';
import { getMeeting } from '../../planning/meeting-updates.ts';
import type { Meeting } from '../../planning/schemas.ts';
import { html, type SafeHtml } from '../../text/html.ts';
import { catalogueFor } from '../../text/messages.ts';
import { plural } from '../../text/plural.ts';
import { badge, dayText, selectField, textArea, textField } from '../components.ts';
import { type FormBody, field, fields } from '../context.ts';
import { csrfField, type PageContext } from '../layout.ts';
import {
  type MeetingPageRenderer,
  type MeetingSection,
  meetingIdOf,
  type SectionNotice,
  showRefusal,
} from './common.ts';

/** The pages are Danish. */
const { labels } = catalogueFor('da');

function agendaSection(
  app: FastifyInstance,
  ctx: PageContext,
  m: Meeting,
  editor: boolean,
  notice: SectionNotice,
): SafeHtml {
  const items = listAgenda(app.db, m.id);
  return html`<section aria-labelledby="dagsorden"><h2 id="dagsorden">Dagsorden</h2>
    ${notice('dagsorden')}
    ${items.length ? html`<ol id="agenda">${items.map((i) => html`<li>${i.title}${i.presenter ? html` <span class="small-text">(${i.presenter})</span>` : ''}${i.durationMinutes ? html` – ${i.durationMinutes} min.` : ''}</li>`)}</ol>` : html`<p>Ingen punkter endnu.</p>`}
    ${
      editor
        ? html`<form method="post" action="/moeder/${m.id}/dagsorden" novalidate>${csrfField(ctx)}
      <div class="row"><div class="col-12 col-md-6">${textField({ id: 'agendaTitle', name: 'title', label: 'Nyt punkt' })}</div>
      <div class="col-12 col-md-4">${textField({ id: 'presenter', label: 'Oplæg ved', required: false })}</div>
      <div class="col-12 col-md-2">${textField({ id: 'durationMinutes', label: 'Minutter', type: 'number', required: false })}</div></div>
      <button type="submit" class="button button-secondary">Tilføj punkt</button></form>`
        : ''
    }</section>`;
}

function attendanceSection(
  app: FastifyInstance,
  ctx: PageContext,
  m: Meeting,
  editor: boolean,
  notice: SectionNotice,
): SafeHtml {
  if (m.status === 'cancelled') return html``;
  const attendance = getAttendance(app.db, m.id);
  const present = new Set(attendance.attendees.map((a) => a.id));
  const invitees = meetingResponses(app.db, m.id).invitees;
  const f = attendance.figures;
  return html`<section aria-labelledby="fremmoede"><h2 id="fremmoede">Fremmøde</h2>
    ${notice('fremmoede')}
    <p>${attendance.confirmed ? 'Bekræftet' : 'Udfyldt på forhånd ud fra tilsagnene – ikke bekræftet endnu'}: ${f.people} ${plural('da', f.people, { one: 'person', other: 'personer' })}, ${f.memberOrganisationsRepresented} af ${f.memberOrganisations} ${plural('da', f.memberOrganisations, { one: 'organisation', other: 'organisationer' })} repræsenteret.</p>
    ${
      editor && invitees.length
        ? html`<form method="post" action="/moeder/${m.id}/fremmoede">${csrfField(ctx)}
      <input type="hidden" name="version" value="${attendance.version}">
      <fieldset class="form-group"><legend class="form-label">Hvem deltog?</legend><ul class="nobullet-list">
      ${invitees.map(
        (
          i,
          n,
        ) => html`<li><input id="attended-${n}" type="checkbox" name="personIds" value="${i.person.id}" class="form-checkbox"${present.has(i.person.id) ? ' checked' : ''}>
          <label for="attended-${n}">${i.person.name}, ${i.organisation.name}</label></li>`,
      )}</ul></fieldset>
      ${textArea({ id: 'attendanceNote', name: 'note', label: 'Note', required: false, rows: 2, value: attendance.note ?? '' })}
      <button type="submit" class="button button-secondary">Gem fremmøde</button></form>`
        : ''
    }</section>`;
}

/** Moving a barrier on: open → being addressed → resolved (or back), as the outcomes rules allow. */
function barrierStatusForm(ctx: PageContext, m: Meeting, b: Barrier): SafeHtml {
  const next = barrierTransitions[b.status];
  return html`<details class="details mt-2"><summary class="details-summary">Skift status<span class="sr-only"> for ${b.description}</span></summary>
    <div class="details-text"><form method="post" action="/moeder/${m.id}/barrierer/${b.id}/status" novalidate>${csrfField(ctx)}
    <input type="hidden" name="version" value="${b.version}">
    ${selectField({ id: `barrier-status-${b.id}`, name: 'status', label: 'Ny status', options: next.map((st) => ({ value: st, text: labels.barrierStatus[st] })) })}
    ${textField({ id: `barrier-reason-${b.id}`, name: 'statusReason', label: 'Hvorfor', hint: 'Gemmes i barrierens historik' })}
    <button type="submit" class="button button-secondary">Gem status</button></form></div></details>`;
}

function outcomesSection(
  app: FastifyInstance,
  ctx: PageContext,
  m: Meeting,
  editor: boolean,
  notice: SectionNotice,
): SafeHtml {
  const district = m.area.districtCode;
  if (!district) return html``;
  const barriers = listBarriers(app.db, { district, limit: 200, offset: 0 }).items;
  const agreements = listAgreements(app.db, { district, limit: 200, offset: 0 }).items;
  return html`<section aria-labelledby="barrierer"><h2 id="barrierer">Barrierer</h2>
    ${notice('barrierer')}
    ${
      barriers.length
        ? html`<ul id="barriers">${barriers.map(
            (
              b,
            ) => html`<li class="mb-4">${labels.barrierCategory[b.category]}: ${b.description} ${badge(b.status === 'resolved' ? 'success' : 'warning', labels.barrierStatus[b.status])}${b.raisedAtMeetingId === m.id ? html` <span class="small-text">(rejst på dette møde)</span>` : html` <span class="small-text">(${dayText(b.raisedOn)})</span>`}
          ${editor ? barrierStatusForm(ctx, m, b) : ''}</li>`,
          )}</ul>`
        : html`<p>Ingen barrierer registreret for politikredsen.</p>`
    }
    ${
      editor
        ? html`<form method="post" action="/moeder/${m.id}/barrierer" novalidate>${csrfField(ctx)}
      ${selectField({ id: 'category', label: 'Slags barriere', empty: 'Vælg', options: barrierCategories.map((c) => ({ value: c, text: labels.barrierCategory[c] })) })}
      ${textArea({ id: 'barrierDescription', name: 'description', label: 'Beskrivelse', rows: 3 })}
      <button type="submit" class="button button-secondary">Registrér barriere</button></form>`
        : ''
    }</section>
    <section aria-labelledby="aftaler"><h2 id="aftaler">Aftaler</h2>
    ${notice('aftaler')}
    ${
      agreements.length
        ? html`<ul id="agreements">${agreements.map((a) => html`<li><strong>${a.title}</strong> – ${labels.agreementType[a.type]}, ${labels.agreementStatus[a.status]}${a.reviewOn ? html`, revideres ${dayText(a.reviewOn)}` : ''}${a.barrierIds.length ? html` <span class="small-text">(løser ${a.barrierIds.length} ${a.barrierIds.length === 1 ? 'barriere' : 'barrierer'})</span>` : ''}</li>`)}</ul>`
        : html`<p>Ingen aftaler registreret for politikredsen.</p>`
    }
    ${
      editor
        ? html`<form method="post" action="/moeder/${m.id}/aftaler" novalidate>${csrfField(ctx)}
      ${textField({ id: 'agreementTitle', name: 'title', label: 'Aftalens titel' })}
      ${selectField({ id: 'type', label: 'Slags aftale', empty: 'Vælg', options: agreementTypes.map((t) => ({ value: t, text: labels.agreementType[t] })) })}
      ${selectField({ id: 'agreementStatus', name: 'status', label: 'Status', value: 'agreed', options: agreementStatuses.map((s) => ({ value: s, text: labels.agreementStatus[s] })) })}
      ${textArea({ id: 'agreementText', name: 'text', label: 'Hvad er aftalt', rows: 3, required: false })}
      ${textField({ id: 'reviewOn', label: 'Tages op igen', type: 'date', required: false })}
      ${
        barriers.filter((b) => b.status !== 'resolved').length
          ? html`<fieldset class="form-group"><legend class="form-label">Barrierer, aftalen tager hånd om</legend><ul class="nobullet-list">${barriers
              .filter((b) => b.status !== 'resolved')
              .map(
                (
                  b,
                ) => html`<li><input id="barrier-${b.id}" type="checkbox" name="barrierIds" value="${b.id}" class="form-checkbox">
                <label for="barrier-${b.id}">${labels.barrierCategory[b.category]}: ${b.description}</label></li>`,
              )}</ul></fieldset>`
          : ''
      }
      <button type="submit" class="button button-secondary">Registrér aftale</button></form>`
        : ''
    }</section>`;
}

export const outcomeSections: MeetingSection[] = [
  { id: 'dagsorden', label: 'Dagsorden', render: agendaSection },
  { id: 'fremmoede', label: 'Fremmøde', render: attendanceSection },
  { id: 'barrierer', label: 'Barrierer og aftaler', render: outcomesSection },
];

/** Recording the meeting on the spot: agenda, attendance, barriers and agreements. */
export async function outcomeRoutes(app: FastifyInstance, opts: { meetingPage: MeetingPageRenderer }) {
  const { meetingPage } = opts;
  const write = { config: { access: 'editor' as const } };
  app.post('/moeder/:id/dagsorden', write, async (request, reply) => {
    const id = meetingIdOf(request);
    const b = request.body as FormBody;
    const minutes = field(b, 'durationMinutes');
    try {
      createAgendaItem(
        app.db,
        request.actor!,
        id,
        CreateAgendaItem.parse({
          title: field(b, 'title'),
          presenter: field(b, 'presenter') || null,
          durationMinutes: minutes ? Number(minutes) : null,
        }),
      );
    } catch (error) {
      return showRefusal(
        meetingPage,
        request,
        reply,
        id,
        error,
        'Punktet blev ikke tilføjet – skriv en titel',
      );
    }
    return reply.redirect(`/moeder/${id}?besked=dagsorden#dagsorden`, 303);
  });

  app.post('/moeder/:id/fremmoede', write, async (request, reply) => {
    const id = meetingIdOf(request);
    const b = request.body as FormBody;
    try {
      putAttendance(
        app.db,
        request.actor!,
        id,
        PutAttendance.parse({
          personIds: fields(b, 'personIds').map(Number),
          note: field(b, 'note') || null,
          version: Number(field(b, 'version')),
        }),
      );
    } catch (error) {
      return showRefusal(meetingPage, request, reply, id, error, 'Fremmødet blev ikke gemt');
    }
    return reply.redirect(`/moeder/${id}?besked=fremmoede#fremmoede`, 303);
  });

  app.post('/moeder/:id/barrierer', write, async (request, reply) => {
    const id = meetingIdOf(request);
    const m = getMeeting(app.db, id);
    const b = request.body as FormBody;
    try {
      createBarrier(
        app.db,
        request.actor!,
        CreateBarrier.parse({
          districtCode: m.area.districtCode ?? '',
          category: field(b, 'category'),
          description: field(b, 'description'),
          raisedAtMeetingId: id,
        }),
      );
    } catch (error) {
      return showRefusal(
        meetingPage,
        request,
        reply,
        id,
        error,
        'Barrieren blev ikke registreret – vælg en slags og skriv en beskrivelse',
      );
    }
    return reply.redirect(`/moeder/${id}?besked=barriere#barrierer`, 303);
  });

  app.post('/moeder/:id/aftaler', write, async (request, reply) => {
    const id = meetingIdOf(request);
    const m = getMeeting(app.db, id);
    const b = request.body as FormBody;
    try {
      createAgreement(
        app.db,
        request.actor!,
        CreateAgreement.parse({
          districtCode: m.area.districtCode ?? '',
          type: field(b, 'type'),
          title: field(b, 'title'),
          text: field(b, 'text'),
          status: field(b, 'status') || 'agreed',
          reviewOn: field(b, 'reviewOn') || null,
          agreedAtMeetingId: id,
          allMunicipalities: true,
          barrierIds: fields(b, 'barrierIds').map(Number),
        }),
      );
    } catch (error) {
      return showRefusal(
        meetingPage,
        request,
        reply,
        id,
        error,
        'Aftalen blev ikke registreret – skriv en titel og vælg en slags',
      );
    }
    return reply.redirect(`/moeder/${id}?besked=aftale#aftaler`, 303);
  });

  app.post('/moeder/:id/barrierer/:barrierId/status', write, async (request, reply) => {
    const id = meetingIdOf(request);
    const barrierId = Number((request.params as { barrierId: string }).barrierId);
    const b = request.body as FormBody;
    try {
      updateBarrier(
        app.db,
        request.actor!,
        barrierId,
        UpdateBarrier.parse({
          version: Number(field(b, 'version')),
          status: field(b, 'status'),
          statusReason: field(b, 'statusReason') || null,
        }),
      );
    } catch (error) {
      return showRefusal(
        meetingPage,
        request,
        reply,
        id,
        error,
        'Barrierens status blev ikke ændret – skriv hvorfor',
      );
    }
    return reply.redirect(`/moeder/${id}?besked=barrierestatus#barrierer`, 303);
  });
}
