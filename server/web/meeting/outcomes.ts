import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { agreementStatuses } from '../../../db/schema/index.ts';
import { meetingResponses } from '../../answers/responses.ts';
import { createAgendaItem, listAgenda } from '../../outcomes/agenda.ts';
import { createAgreement, listAgreements } from '../../outcomes/agreements.ts';
import { getAttendance, putAttendance } from '../../outcomes/attendance.ts';
import { barrierTransitions, createBarrier, listBarriers, updateBarrier } from '../../outcomes/barriers.ts';
import { type TaxonomyNames, taxonomyNamesOfArea } from '../../outcomes/references.ts';
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
import type { Language } from '../../text/language.ts';
import { catalogueFor } from '../../text/messages.ts';
import { badge, dayText, selectField, textArea, textField } from '../components.ts';
import { type FormBody, field, fields } from '../context.ts';
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
  return { labels, words: pages.outcomes };
}

function agendaSection(
  app: FastifyInstance,
  ctx: PageContext,
  m: Meeting,
  editor: boolean,
  notice: SectionNotice,
): SafeHtml {
  const { words } = textsOf(ctx);
  const items = listAgenda(app.db, m.id);
  return html`<section aria-labelledby="dagsorden"><h2 id="dagsorden">${words.agenda}</h2>
    ${notice('dagsorden')}
    ${items.length ? html`<ol id="agenda">${items.map((i) => html`<li>${i.title}${i.presenter ? html` <span class="small-text">(${i.presenter})</span>` : ''}${i.durationMinutes ? html` – ${words.minutes(i.durationMinutes)}` : ''}</li>`)}</ol>` : html`<p>${words.noItems}</p>`}
    ${
      editor
        ? html`<form method="post" action="/moeder/${m.id}/dagsorden" novalidate>${csrfField(ctx)}
      <div class="row"><div class="col-12 col-md-6">${textField({ pageLang: ctx.lang, id: 'agendaTitle', name: 'title', label: words.newItem })}</div>
      <div class="col-12 col-md-4">${textField({ pageLang: ctx.lang, id: 'presenter', label: words.presenter, required: false })}</div>
      <div class="col-12 col-md-2">${textField({ pageLang: ctx.lang, id: 'durationMinutes', label: words.minutesLabel, type: 'number', required: false })}</div></div>
      <button type="submit" class="button button-secondary">${words.addItem}</button></form>`
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
  const { words } = textsOf(ctx);
  if (m.status === 'cancelled') return html``;
  const attendance = getAttendance(app.db, m.id);
  const present = new Set(attendance.attendees.map((a) => a.id));
  const invitees = meetingResponses(app.db, m.id).invitees;
  const f = attendance.figures;
  return html`<section aria-labelledby="fremmoede"><h2 id="fremmoede">${words.attendance}</h2>
    ${notice('fremmoede')}
    <p>${attendance.confirmed ? words.confirmed : words.prefilled}: ${words.figures(f.people, f.memberOrganisationsRepresented, f.memberOrganisations)}</p>
    ${
      editor && invitees.length
        ? html`<form method="post" action="/moeder/${m.id}/fremmoede">${csrfField(ctx)}
      <input type="hidden" name="version" value="${attendance.version}">
      <fieldset class="form-group"><legend class="form-label">${words.whoAttended}</legend><ul class="nobullet-list">
      ${invitees.map(
        (
          i,
          n,
        ) => html`<li><input id="attended-${n}" type="checkbox" name="personIds" value="${i.person.id}" class="form-checkbox"${present.has(i.person.id) ? ' checked' : ''}>
          <label for="attended-${n}">${i.person.name}, ${i.organisation.name}</label></li>`,
      )}</ul></fieldset>
      ${textArea({ pageLang: ctx.lang, id: 'attendanceNote', name: 'note', label: words.note, required: false, rows: 2, value: attendance.note ?? '' })}
      <button type="submit" class="button button-secondary">${words.saveAttendance}</button></form>`
        : ''
    }</section>`;
}

/** Moving a barrier on: open → being addressed → resolved (or back), as the outcomes rules allow. */
function barrierStatusForm(ctx: PageContext, m: Meeting, b: Barrier): SafeHtml {
  const { labels, words } = textsOf(ctx);
  const next = barrierTransitions[b.status];
  return html`<details class="details mt-2"><summary class="details-summary">${words.changeStatus}<span class="sr-only">${words.statusOf(b.description)}</span></summary>
    <div class="details-text"><form method="post" action="/moeder/${m.id}/barrierer/${b.id}/status" novalidate>${csrfField(ctx)}
    <input type="hidden" name="version" value="${b.version}">
    ${selectField({ pageLang: ctx.lang, id: `barrier-status-${b.id}`, name: 'status', label: words.newStatus, options: next.map((st) => ({ value: st, text: labels.barrierStatus[st] })) })}
    ${textField({ pageLang: ctx.lang, id: `barrier-reason-${b.id}`, name: 'statusReason', label: words.why, hint: words.whyHint })}
    <button type="submit" class="button button-secondary">${words.saveStatus}</button></form></div></details>`;
}

/** A key's name in the area's programme taxonomy (the key itself for one no longer in it). */
const nameIn = (entries: { key: string; label: string }[], key: string) =>
  entries.find((e) => e.key === key)?.label ?? key;

function barriersPart(
  ctx: PageContext,
  m: Meeting,
  editor: boolean,
  barriers: Barrier[],
  names: TaxonomyNames,
): SafeHtml {
  const { labels, words } = textsOf(ctx);
  return html`${
    barriers.length
      ? html`<ul id="barriers">${barriers.map(
          (
            b,
          ) => html`<li class="mb-4">${nameIn(names.barrierCategories, b.category)}: ${b.description} ${badge(b.status === 'resolved' ? 'success' : 'warning', labels.barrierStatus[b.status])}${b.raisedAtMeetingId === m.id ? html` <span class="small-text">${words.raisedHere}</span>` : html` <span class="small-text">(${dayText(b.raisedOn)})</span>`}
          ${editor ? barrierStatusForm(ctx, m, b) : ''}</li>`,
        )}</ul>`
      : html`<p>${words.noBarriers}</p>`
  }
    ${
      editor
        ? html`<form method="post" action="/moeder/${m.id}/barrierer" novalidate>${csrfField(ctx)}
      ${selectField({ pageLang: ctx.lang, id: 'category', label: words.barrierKind, empty: words.choose, options: names.barrierCategories.map((c) => ({ value: c.key, text: c.label })) })}
      ${textArea({ pageLang: ctx.lang, id: 'barrierDescription', name: 'description', label: words.description, rows: 3 })}
      <button type="submit" class="button button-secondary">${words.raiseBarrier}</button></form>`
        : ''
    }`;
}

function agreementForm(ctx: PageContext, m: Meeting, barriers: Barrier[], names: TaxonomyNames): SafeHtml {
  const { labels, words } = textsOf(ctx);
  const open = barriers.filter((b) => b.status !== 'resolved');
  return html`<form method="post" action="/moeder/${m.id}/aftaler" novalidate>${csrfField(ctx)}
      ${textField({ pageLang: ctx.lang, id: 'agreementTitle', name: 'title', label: words.agreementTitle })}
      ${selectField({ pageLang: ctx.lang, id: 'type', label: words.agreementKind, empty: words.choose, options: names.agreementTypes.map((t) => ({ value: t.key, text: t.label })) })}
      ${selectField({ pageLang: ctx.lang, id: 'agreementStatus', name: 'status', label: words.status, value: 'agreed', options: agreementStatuses.map((s) => ({ value: s, text: labels.agreementStatus[s] })) })}
      ${textArea({ pageLang: ctx.lang, id: 'agreementText', name: 'text', label: words.agreed, rows: 3, required: false })}
      ${textField({ pageLang: ctx.lang, id: 'reviewOn', label: words.takenUpAgain, type: 'date', required: false })}
      ${
        open.length
          ? html`<fieldset class="form-group"><legend class="form-label">${words.barriersAddressed}</legend><ul class="nobullet-list">${open.map(
              (
                b,
              ) => html`<li><input id="barrier-${b.id}" type="checkbox" name="barrierIds" value="${b.id}" class="form-checkbox">
                <label for="barrier-${b.id}">${nameIn(names.barrierCategories, b.category)}: ${b.description}</label></li>`,
            )}</ul></fieldset>`
          : ''
      }
      <button type="submit" class="button button-secondary">${words.recordAgreement}</button></form>`;
}

function outcomesSection(
  app: FastifyInstance,
  ctx: PageContext,
  m: Meeting,
  editor: boolean,
  notice: SectionNotice,
): SafeHtml {
  const { labels, words } = textsOf(ctx);
  // any programme's area: its own categories and agreement types, named in Danish where it has them
  const areaId = m.area.id;
  const names = taxonomyNamesOfArea(app.db, areaId, ctx.lang ?? 'da');
  // the meeting, and so its area, is checked against the account's programmes (programme-access.ts)
  const barriers = listBarriers(app.db, { areaId, limit: 200, offset: 0 }, null).items;
  const agreements = listAgreements(app.db, { areaId, limit: 200, offset: 0 }, null).items;
  return html`<section aria-labelledby="barrierer"><h2 id="barrierer">${words.barriers}</h2>
    ${notice('barrierer')}
    ${barriersPart(ctx, m, editor, barriers, names)}</section>
    <section aria-labelledby="aftaler"><h2 id="aftaler">${words.agreements}</h2>
    ${notice('aftaler')}
    ${
      agreements.length
        ? html`<ul id="agreements">${agreements.map((a) => html`<li><strong>${a.title}</strong> – ${nameIn(names.agreementTypes, a.type)}, ${labels.agreementStatus[a.status]}${a.reviewOn ? html`${words.reviewOn}${dayText(a.reviewOn)}` : ''}${a.barrierIds.length ? html` <span class="small-text">${words.addresses(a.barrierIds.length)}</span>` : ''}</li>`)}</ul>`
        : html`<p>${words.noAgreements}</p>`
    }
    ${editor ? agreementForm(ctx, m, barriers, names) : ''}</section>`;
}

export const outcomeSections: MeetingSection[] = [
  { id: 'dagsorden', label: (lang) => textsOf({ lang }).words.agenda, render: agendaSection },
  { id: 'fremmoede', label: (lang) => textsOf({ lang }).words.attendance, render: attendanceSection },
  {
    id: 'barrierer',
    label: (lang) => textsOf({ lang }).words.barriersAndAgreements,
    render: outcomesSection,
  },
];

/** A form on the meeting page: what it saves, the heading of its refusal, and the message and anchor it lands on. */
type FailedHeading = keyof ReturnType<typeof textsOf>['words']['failed'];

interface SectionForm {
  save(app: FastifyInstance, request: FastifyRequest, meetingId: number, body: FormBody): void;
  /** Which of the page's "not saved" headings its refusal has. */
  failed: FailedHeading;
  saved: string;
  anchor: string;
}

/** One handler for every meeting-page form: save, then land on the part saved, or show the refusal in place. */
function sectionFormHandler(app: FastifyInstance, meetingPage: MeetingPageRenderer, form: SectionForm) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const id = meetingIdOf(request);
    try {
      form.save(app, request, id, request.body as FormBody);
    } catch (error) {
      const { words } = textsOf({ lang: pageLanguage(request) });
      return showRefusal(meetingPage, request, reply, id, error, words.failed[form.failed]);
    }
    return reply.redirect(`/moeder/${id}?besked=${form.saved}#${form.anchor}`, 303);
  };
}

const areaOf = (app: FastifyInstance, meetingId: number) => getMeeting(app.db, meetingId).area.id;

const addAgendaItem: SectionForm = {
  save: (app, request, id, b) => {
    const minutes = field(b, 'durationMinutes');
    const item = CreateAgendaItem.parse({
      title: field(b, 'title'),
      presenter: field(b, 'presenter') || null,
      durationMinutes: minutes ? Number(minutes) : null,
    });
    createAgendaItem(app.db, request.actor!, id, item);
  },
  failed: 'agenda',
  saved: 'dagsorden',
  anchor: 'dagsorden',
};

const saveAttendance: SectionForm = {
  save: (app, request, id, b) => {
    const attendance = PutAttendance.parse({
      personIds: fields(b, 'personIds').map(Number),
      note: field(b, 'note') || null,
      version: Number(field(b, 'version')),
    });
    putAttendance(app.db, request.actor!, id, attendance);
  },
  failed: 'attendance',
  saved: 'fremmoede',
  anchor: 'fremmoede',
};

const raiseBarrier: SectionForm = {
  save: (app, request, id, b) => {
    const barrier = CreateBarrier.parse({
      areaId: areaOf(app, id),
      category: field(b, 'category'),
      description: field(b, 'description'),
      raisedAtMeetingId: id,
    });
    createBarrier(app.db, request.actor!, barrier);
  },
  failed: 'barrier',
  saved: 'barriere',
  anchor: 'barrierer',
};

const recordAgreement: SectionForm = {
  save: (app, request, id, b) => {
    const agreement = CreateAgreement.parse({
      areaId: areaOf(app, id),
      type: field(b, 'type'),
      title: field(b, 'title'),
      text: field(b, 'text'),
      status: field(b, 'status') || 'agreed',
      reviewOn: field(b, 'reviewOn') || null,
      agreedAtMeetingId: id,
      allMunicipalities: true,
      barrierIds: fields(b, 'barrierIds').map(Number),
    });
    createAgreement(app.db, request.actor!, agreement);
  },
  failed: 'agreement',
  saved: 'aftale',
  anchor: 'aftaler',
};

const changeBarrierStatus: SectionForm = {
  save: (app, request, _id, b) => {
    const barrierId = Number((request.params as { barrierId: string }).barrierId);
    const change = UpdateBarrier.parse({
      version: Number(field(b, 'version')),
      status: field(b, 'status'),
      statusReason: field(b, 'statusReason') || null,
    });
    updateBarrier(app.db, request.actor!, barrierId, change);
  },
  failed: 'barrierStatus',
  saved: 'barrierestatus',
  anchor: 'barrierer',
};

/** Recording the meeting on the spot: agenda, attendance, barriers and agreements. */
export async function outcomeRoutes(app: FastifyInstance, opts: { meetingPage: MeetingPageRenderer }) {
  const write = { config: { access: 'editor' as const } };
  const handler = (form: SectionForm) => sectionFormHandler(app, opts.meetingPage, form);
  app.post('/moeder/:id/dagsorden', write, handler(addAgendaItem));
  app.post('/moeder/:id/fremmoede', write, handler(saveAttendance));
  app.post('/moeder/:id/barrierer', write, handler(raiseBarrier));
  app.post('/moeder/:id/aftaler', write, handler(recordAgreement));
  app.post('/moeder/:id/barrierer/:barrierId/status', write, handler(changeBarrierStatus));
}
