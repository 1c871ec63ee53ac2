import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { programmesOf, writableProgrammesOf } from '../../accounts/access.ts';
import { recordAudit } from '../../audit/audit.ts';
import { NotFound } from '../../http/problems.ts';
import { agreementHistory, getAgreement, updateAgreement } from '../../outcomes/agreements.ts';
import { listFollowUps, queueFollowUpReminders } from '../../outcomes/follow-ups.ts';
import { getMapping, putMapping } from '../../outcomes/mappings.ts';
import { taxonomyNamesOfArea } from '../../outcomes/references.ts';
import { PutMapping, UpdateAgreement } from '../../outcomes/schemas.ts';
import { getDistrict } from '../../register/districts.ts';
import { html, type SafeHtml } from '../../text/html.ts';
import { catalogueFor } from '../../text/messages.ts';
import { alert, dateTimeText, dayText, selectField, textArea } from '../components.ts';
import { type FormBody, field, pageContext, sendPage } from '../context.ts';
import { csrfField, type PageContext, page } from '../layout.ts';
import { pageRefusal } from '../refusals.ts';

/**
 * Pages for what was API-only: an agreement's text revised with its history, the follow-up list,
 * and a district's mapping for a year. Danish, as the other record pages.
 */
const words = catalogueFor('da').referat;
const labels = catalogueFor('da').labels;

function idOf(request: FastifyRequest, name = 'id'): number {
  const value = (request.params as Record<string, string>)[name] ?? '';
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw new NotFound('Page', value);
  return id;
}

/** A refusal shown above the form that caused it, with what was typed kept. */
function refusalNotice(error: unknown, heading: string): { notice: SafeHtml; status: number } {
  if (error instanceof z.ZodError) return { notice: alert('error', heading), status: 400 };
  const refusal = pageRefusal(error);
  if (refusal.status >= 500) throw error;
  return { notice: alert('error', heading, refusal.text), status: refusal.status };
}

// ---- an agreement: its text revised, with every earlier version

function agreementPage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  id: number,
  o: { notice?: SafeHtml; status?: number; text?: string; reason?: string } = {},
) {
  const w = words.agreementPage;
  const a = getAgreement(app.db, id);
  const history = agreementHistory(app.db, id);
  const ctx = pageContext(request);
  const editor = request.actor?.role !== 'viewer';
  const saved =
    (request.query as { besked?: string }).besked === 'gemt' ? alert('success', w.saved) : undefined;
  const body = html`<h1>${w.title(a.title)}</h1>
    <p>${a.districtCode ? html`<a href="/kredse/${a.districtCode}">${a.areaName}</a>` : a.areaName} · ${labels.agreementStatus[a.status]}</p>
    ${
      editor
        ? html`<form method="post" action="/aftaler/${a.id}" novalidate>${csrfField(ctx)}
      <input type="hidden" name="version" value="${a.version}">
      ${textArea({ id: 'agreementText', name: 'text', label: w.text, rows: 10, value: o.text ?? a.text })}
      ${textArea({ id: 'agreementReason', name: 'reason', label: w.reason, hint: w.reasonHint, rows: 2, required: false, value: o.reason ?? '' })}
      <button type="submit" class="button button-primary">${w.save}</button></form>`
        : html`<p class="agreement-text">${a.text}</p>`
    }
    <section aria-labelledby="historik"><h2 id="historik">${w.history}</h2>
    <div class="table--responsive-scroll" tabindex="0" role="region" aria-label="${w.history}">
    <table class="table table--compact" id="agreement-history"><thead><tr><th scope="col">${w.version}</th><th scope="col">${w.savedAt}</th><th scope="col">${w.savedBy}</th><th scope="col">${w.status}</th><th scope="col">${w.text}</th><th scope="col">${w.why}</th></tr></thead>
    <tbody>${[...history]
      .reverse()
      .map(
        (r) =>
          html`<tr><td>${r.version}</td><td>${dateTimeText(r.savedAt)}</td><td>${r.savedBy}</td><td>${labels.agreementStatus[r.status]}</td><td>${r.text}</td><td>${r.reason ?? ''}</td></tr>`,
      )}</tbody></table></div></section>`;
  return sendPage(
    reply,
    page(ctx, {
      title: w.title(a.title),
      section: 'overview',
      body,
      notice: o.notice ?? saved,
      breadcrumbs: a.districtCode ? [{ href: `/kredse/${a.districtCode}`, text: a.areaName }] : [],
    }),
    o.status ?? 200,
  );
}

// ---- the follow-up list

function followUpPage(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
  const w = words.followUps;
  const ctx = pageContext(request);
  const { items, windowDays } = listFollowUps(app.db, {
    windowDays: app.config.FOLLOW_UP_WINDOW_DAYS,
    programmes: programmesOf(request.actor),
  });
  const q = request.query as { sendt?: string; allerede?: string };
  const notice =
    q.sendt !== undefined
      ? alert('success', w.sent(Number(q.sendt) || 0, Number(q.allerede) || 0))
      : undefined;
  const editor = request.actor?.role !== 'viewer';
  const body = html`<h1>${w.title}</h1><p>${w.lead(windowDays)}</p>
    ${
      items.length
        ? html`<div class="table--responsive-scroll" tabindex="0" role="region" aria-label="${w.title}">
      <table class="table table--compact" id="follow-ups"><thead><tr><th scope="col">${w.due}</th><th scope="col">${w.kind}</th><th scope="col">${w.what}</th><th scope="col">${w.area}</th><th scope="col">${w.contacts}</th></tr></thead>
      <tbody>${items.map(
        (i) => html`<tr><td>${dayText(i.dueOn)}${i.overdue ? html` <strong>(${w.overdue})</strong>` : ''}</td>
          <td>${i.kind === 'agreement_review' ? w.agreementReview : w.barrierOpen}</td>
          <td>${i.kind === 'agreement_review' ? html`<a href="/aftaler/${i.id}">${i.title}</a>` : i.title}</td>
          <td>${i.areaName}</td><td>${i.contacts.map((c) => c.name).join(', ') || '–'}</td></tr>`,
      )}</tbody></table></div>
      ${editor ? html`<form method="post" action="/opfoelgning/send">${csrfField(ctx)}<button type="submit" class="button button-primary">${w.send}</button></form>` : ''}`
        : html`<p>${w.none}</p>`
    }`;
  return sendPage(reply, page(ctx, { title: w.title, section: 'overview', body, notice }));
}

// ---- a district's mapping of a year

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

function mappingPage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  o: { notice?: SafeHtml; status?: number; form?: FormBody } = {},
) {
  const w = words.mappingPage;
  const { code, year } = request.params as { code: string; year: string };
  const district = getDistrict(app.db, code);
  const y = Number(year);
  if (!district || !Number.isInteger(y) || y < 2000 || y > 2100)
    throw new NotFound('Page', `${code}/${year}`);
  let mapping = null;
  try {
    mapping = getMapping(app.db, { code }, y);
  } catch (error) {
    if (!(error instanceof NotFound)) throw error;
  }
  const ctx: PageContext = pageContext(request);
  const editor = request.actor?.role !== 'viewer';
  const f = o.form;
  const value = (name: 'strengths' | 'challenges' | 'wishes') =>
    f ? field(f, name) : (mapping?.[name] ?? []).join('\n');
  const saved =
    (request.query as { besked?: string }).besked === 'gemt' ? alert('success', w.saved) : undefined;
  const names = taxonomyNamesOfArea(app.db, district.areaId, 'da');
  const body = html`<h1>${w.title(district.name, y)}</h1>
    <form method="post" action="/kredse/${code}/kortlaegning/${y}" novalidate>${csrfField(ctx)}
    <input type="hidden" name="version" value="${mapping?.version ?? 0}">
    ${selectField({ id: 'forumLevel', label: w.forumLevel, empty: catalogueFor('da').pages.outcomes.choose, value: f ? field(f, 'forumLevel') : mapping?.forumLevel, options: names.forumLevels.map((l) => ({ value: l.key, text: l.label })) })}
    ${textArea({ id: 'strengths', label: w.strengths, hint: w.linesHint, rows: 4, required: false, value: value('strengths') })}
    ${textArea({ id: 'challenges', label: w.challenges, hint: w.linesHint, rows: 4, required: false, value: value('challenges') })}
    ${textArea({ id: 'wishes', label: w.wishes, hint: w.linesHint, rows: 4, required: false, value: value('wishes') })}
    ${textArea({ id: 'notes', label: w.notes, rows: 4, required: false, value: f ? field(f, 'notes') : (mapping?.notes ?? '') })}
    ${editor ? html`<button type="submit" class="button button-primary">${w.save}</button>` : ''}</form>`;
  return sendPage(
    reply,
    page(ctx, {
      title: w.title(district.name, y),
      section: 'overview',
      body,
      notice: o.notice ?? saved,
      breadcrumbs: [{ href: `/kredse/${code}`, text: district.name }],
    }),
    o.status ?? 200,
  );
}

export default async function afterMeetingPages(app: FastifyInstance) {
  const read = { config: { access: 'authenticated' as const } };
  const write = { config: { access: 'editor' as const } };
  app.get('/aftaler/:id', read, async (request, reply) => agreementPage(app, request, reply, idOf(request)));
  app.post('/aftaler/:id', write, async (request, reply) => {
    const id = idOf(request);
    const b = request.body as FormBody;
    try {
      const change = UpdateAgreement.parse({
        version: Number(field(b, 'version')),
        text: field(b, 'text'),
        reason: field(b, 'reason') || null,
      });
      updateAgreement(app.db, request.actor!, id, change);
    } catch (error) {
      const shown = refusalNotice(error, words.agreementPage.failed);
      return agreementPage(app, request, reply, id, {
        ...shown,
        text: field(b, 'text'),
        reason: field(b, 'reason'),
      });
    }
    return reply.redirect(`/aftaler/${id}?besked=gemt`, 303);
  });
  app.get('/opfoelgning', read, async (request, reply) => followUpPage(app, request, reply));
  app.post('/opfoelgning/send', write, async (request, reply) => {
    const result = app.db.transaction(() => {
      const queued = queueFollowUpReminders(app.db, app.config, new Date(), {
        programmes: writableProgrammesOf(request.actor),
      });
      recordAudit(app.db, request.actor, { action: 'send', entity: 'follow_up', changes: queued });
      return queued;
    });
    return reply.redirect(`/opfoelgning?sendt=${result.queued}&allerede=${result.alreadySent}`, 303);
  });
  app.get('/kredse/:code/kortlaegning/:year', read, async (request, reply) =>
    mappingPage(app, request, reply),
  );
  app.post('/kredse/:code/kortlaegning/:year', write, async (request, reply) => {
    const { code, year } = request.params as { code: string; year: string };
    const b = request.body as FormBody;
    try {
      const input = PutMapping.parse({
        version: Number(field(b, 'version')),
        forumLevel: field(b, 'forumLevel'),
        strengths: lines(field(b, 'strengths')),
        challenges: lines(field(b, 'challenges')),
        wishes: lines(field(b, 'wishes')),
        notes: field(b, 'notes') || null,
      });
      putMapping(app.db, request.actor!, { code }, Number(year), input);
    } catch (error) {
      return mappingPage(app, request, reply, { ...refusalNotice(error, words.mappingPage.failed), form: b });
    }
    return reply.redirect(`/kredse/${code}/kortlaegning/${year}?besked=gemt`, 303);
  });
}
