import type { FastifyInstance, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { scopeParam } from '../../accounts/access.ts';
import { notFound, StaleVersion } from '../../http/problems.ts';
import { danishTextRefusal } from '../../http/text.ts';
import { organisationKindOptions } from '../../programmes/catalogues.ts';
import {
  createOrganisation,
  deleteOrganisation,
  getOrganisation,
  listOrganisations,
  updateOrganisation,
} from '../../register/organisations.ts';
import { CreateOrganisation, type Organisation } from '../../register/schemas.ts';
import { html } from '../../text/html.ts';
import { labelFor } from '../../text/messages.ts';
import { alert, selectField, textField } from '../components.ts';
import {
  errorSummary,
  type FormBody,
  type FormErrors,
  field,
  pageContext,
  problemMessage,
  sendPage,
} from '../context.ts';
import { pageCatalogue, pageLanguage } from '../language.ts';
import { csrfField, page } from '../layout.ts';

/** The pages are Danish. */
const wordsFor = (request: FastifyRequest) => pageCatalogue(request).pages.organisations;

const PAGE_SIZE = 50;
interface OrgForm {
  kind: string;
  name: string;
  code: string;
  region: string;
  address: string;
  version?: string;
}

const formOf = (b: FormBody | undefined): OrgForm => ({
  kind: field(b, 'kind'),
  name: field(b, 'name'),
  code: field(b, 'code'),
  region: field(b, 'region'),
  address: field(b, 'address'),
  version: field(b, 'version'),
});
const formOfOrg = (o: Organisation): OrgForm => ({
  kind: o.kind,
  name: o.name,
  code: o.code ?? '',
  region: o.region ?? '',
  address: o.address ?? '',
  version: String(o.version),
});

function parse(form: OrgForm, words: ReturnType<typeof wordsFor>) {
  const parsed = CreateOrganisation.safeParse({
    kind: form.kind,
    name: form.name,
    code: form.code || null,
    region: form.region || null,
    address: form.address || null,
  });
  if (parsed.success) return { value: parsed.data, errors: {} as FormErrors };
  const errors: FormErrors = {};
  for (const issue of parsed.error.issues) {
    const name = String(issue.path[0]);
    errors[name] ??= danishTextRefusal(issue) ?? words.errors[name] ?? issue.message;
  }
  return { errors };
}

function orgForm(
  request: FastifyRequest,
  o: { form: OrgForm; errors: FormErrors; action: string; submit: string; isNew: boolean; problem?: string },
) {
  const words = wordsFor(request);
  const { labels } = pageCatalogue(request);
  const lang = pageLanguage(request);
  return html`${errorSummary(o.errors, words.fields, lang)}
    ${o.problem ? alert('error', words.notSaved, o.problem) : ''}
    <form method="post" action="${o.action}" novalidate>${csrfField(pageContext(request))}
      ${o.form.version ? html`<input type="hidden" name="version" value="${o.form.version}">` : ''}
      ${
        o.isNew
          ? selectField({
              pageLang: lang,
              id: 'kind',
              label: words.fields.kind,
              value: o.form.kind,
              error: o.errors.kind,
              empty: words.chooseKind,
              options: organisationKindOptions(request.server.db, pageLanguage(request)),
            })
          : html`<input type="hidden" name="kind" value="${o.form.kind}"><p><strong>${words.kindLabel}</strong> ${labelFor(labels.organisationKind, o.form.kind)}</p>`
      }
      ${textField({ id: 'name', pageLang: lang, label: words.fields.name, value: o.form.name, error: o.errors.name })}
      ${textField({ id: 'code', pageLang: lang, label: words.fields.code, value: o.form.code, required: false, error: o.errors.code, hint: words.codeHint })}
      ${textField({ id: 'region', pageLang: lang, label: words.fields.region, value: o.form.region, required: false, error: o.errors.region })}
      ${textField({ id: 'address', pageLang: lang, label: words.fields.address, value: o.form.address, required: false, error: o.errors.address })}
      <button type="submit" class="button button-primary">${o.submit}</button>
      <a href="/organisationer" class="button button-secondary">${words.cancel}</a>
    </form>`;
}

function conflictText(error: unknown, words: ReturnType<typeof wordsFor>): string {
  if (error instanceof StaleVersion) return words.changedMeanwhile;
  return problemMessage(error);
}

const crumbsFor = (words: ReturnType<typeof wordsFor>) => [{ href: '/organisationer', text: words.title }];

/** GET /organisationer: the list, searchable by name and kind, paged */
function organisationListPage(app: FastifyInstance): RouteHandlerMethod {
  return async (request, reply) => {
    const words = wordsFor(request);
    const { labels } = pageCatalogue(request);
    const query = request.query as { q?: string; type?: string; side?: string; besked?: string };
    const q = (query.q ?? '').slice(0, 100);
    const kindOptions = organisationKindOptions(app.db, pageLanguage(request));
    const kind = kindOptions.some((o) => o.value === query.type) ? query.type : undefined;
    const pageNo = Math.max(1, Number(query.side) || 1);
    const result = listOrganisations(
      app.db,
      { q: q || undefined, kind, limit: PAGE_SIZE, offset: (pageNo - 1) * PAGE_SIZE },
      scopeParam(request.actor),
    );
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    const link = (n: number) =>
      `/organisationer?${new URLSearchParams({ ...(q ? { q } : {}), ...(kind ? { type: kind } : {}), side: String(n) })}`;
    const notice =
      query.besked && words.notices[query.besked] ? alert('success', words.notices[query.besked]) : undefined;
    const body = html`<h1>${words.title}</h1>
      ${request.actor?.role !== 'viewer' ? html`<p><a href="/organisationer/ny" class="button button-primary">${words.create}</a></p>` : ''}
      <form method="get" action="/organisationer" role="search" class="mb-5">
        <div class="row"><div class="col-12 col-md-6">
        <div class="form-group"><label class="form-label" for="q">${words.searchLabel}</label><input class="form-input" id="q" name="q" type="search" value="${q}"></div></div>
        <div class="col-12 col-md-6">${selectField({ id: 'type', label: words.fields.kind, value: kind ?? '', required: false, empty: words.allKinds, options: kindOptions })}</div></div>
        <button type="submit" class="button button-secondary">${words.search}</button>
      </form>
      <p aria-live="polite">${words.count(result.total)}.</p>
      <div class="table--responsive-scroll" tabindex="0" role="region" aria-label="${words.title}">
      <table class="table table--zebra" id="organisations"><thead><tr><th scope="col">${words.fields.name}</th><th scope="col">${words.fields.kind}</th><th scope="col">${words.fields.code}</th><th scope="col">${words.fields.region}</th></tr></thead>
      <tbody>${result.items.map(
        (o) =>
          html`<tr><th scope="row"><a href="/organisationer/${o.id}">${o.name}</a></th><td>${labels.organisationKind[o.kind] ?? o.kind}</td><td>${o.code ?? '–'}</td><td>${o.region ?? '–'}</td></tr>`,
      )}</tbody></table></div>
      ${
        pages > 1
          ? html`<nav aria-label="${words.pagesLabel}" class="mt-5"><ul class="inline-list">
          ${pageNo > 1 ? html`<li><a href="${link(pageNo - 1)}">${words.previousPage}</a></li>` : ''}
          <li>${words.pageOf(pageNo, pages)}</li>
          ${pageNo < pages ? html`<li><a href="${link(pageNo + 1)}">${words.nextPage}</a></li>` : ''}</ul></nav>`
          : ''
      }`;
    return sendPage(
      reply,
      page(pageContext(request), {
        title: words.title,
        section: 'organisations',
        body,
        notice,
        lang: pageLanguage(request),
      }),
    );
  };
}

/** GET /organisationer/ny: an empty form */
function newOrganisationPage(): RouteHandlerMethod {
  return async (request, reply) => {
    const words = wordsFor(request);
    const body = html`<h1>${words.create}</h1>${orgForm(request, { form: formOf({}), errors: {}, action: '/organisationer', submit: words.create, isNew: true })}`;
    return sendPage(
      reply,
      page(pageContext(request), {
        title: words.create,
        section: 'organisations',
        body,
        lang: pageLanguage(request),
        breadcrumbs: crumbsFor(words),
      }),
    );
  };
}

/** POST /organisationer: creates, or shows the form again with what is wrong */
function createOrganisationPage(app: FastifyInstance): RouteHandlerMethod {
  return async (request, reply) => {
    const words = wordsFor(request);
    const form = formOf(request.body as FormBody);
    const { value, errors } = parse(form, words);
    let problem: string | undefined;
    if (value) {
      try {
        const created = createOrganisation(app.db, request.actor!, value);
        return reply.redirect(`/organisationer/${created.id}?besked=oprettet`, 303);
      } catch (error) {
        problem = conflictText(error, words);
      }
    }
    const body = html`<h1>${words.create}</h1>${orgForm(request, { form, errors, action: '/organisationer', submit: words.create, isNew: true, problem })}`;
    return sendPage(
      reply,
      page(pageContext(request), {
        title: words.withError(words.create),
        section: 'organisations',
        body,
        lang: pageLanguage(request),
        breadcrumbs: crumbsFor(words),
      }),
      400,
    );
  };
}

/** GET /organisationer/:id: the form and its people */
function organisationPage(app: FastifyInstance): RouteHandlerMethod {
  return async (request, reply) => {
    const words = wordsFor(request);
    const { labels } = pageCatalogue(request);
    const id = Number((request.params as { id: string }).id);
    if (!Number.isInteger(id) || id < 1) throw notFound('Organisation', id);
    const org = getOrganisation(app.db, id);
    const besked = (request.query as { besked?: string }).besked;
    const notice = besked && words.notices[besked] ? alert('success', words.notices[besked]) : undefined;
    const ctx = pageContext(request);
    const editor = request.actor?.role !== 'viewer';
    const body = html`<h1>${org.name}</h1>
      <p><a href="/personer/ny?organisation=${org.id}">${words.createPersonIn(org.name)}</a></p>
      ${
        editor
          ? html`${orgForm(request, { form: formOfOrg(org), errors: {}, action: `/organisationer/${org.id}`, submit: words.save, isNew: false })}
        <h2 class="mt-8">${words.deleteHeading}</h2>
        <form method="post" action="/organisationer/${org.id}/slet">${csrfField(ctx)}
          <button type="submit" class="button button-warning" data-confirm="${words.deleteConfirm(org.name)}">${words.deleteButton(org.name)}</button></form>`
          : html`<dl><dt>${words.fields.kind}</dt><dd>${labels.organisationKind[org.kind] ?? org.kind}</dd><dt>${words.fields.code}</dt><dd>${org.code ?? '–'}</dd><dt>${words.fields.address}</dt><dd>${org.address ?? '–'}</dd></dl>`
      }`;
    return sendPage(
      reply,
      page(ctx, {
        title: org.name,
        section: 'organisations',
        body,
        notice,
        lang: pageLanguage(request),
        breadcrumbs: crumbsFor(words),
      }),
    );
  };
}

/** POST /organisationer/:id: saves, or shows the form again with what is wrong */
function saveOrganisationPage(app: FastifyInstance): RouteHandlerMethod {
  return async (request, reply) => {
    const words = wordsFor(request);
    const id = Number((request.params as { id: string }).id);
    if (!Number.isInteger(id) || id < 1) throw notFound('Organisation', id);
    const before = getOrganisation(app.db, id);
    const form = { ...formOf(request.body as FormBody), kind: before.kind };
    const { value, errors } = parse(form, words);
    let problem: string | undefined;
    if (value) {
      try {
        const { kind: _k, areaIds: _a, ...rest } = value;
        updateOrganisation(app.db, request.actor!, id, { ...rest, version: Number(form.version) || 0 });
        return reply.redirect(`/organisationer/${id}?besked=gemt`, 303);
      } catch (error) {
        problem = conflictText(error, words);
      }
    }
    const body = html`<h1>${before.name}</h1>${orgForm(request, { form, errors, action: `/organisationer/${id}`, submit: words.save, isNew: false, problem })}`;
    return sendPage(
      reply,
      page(pageContext(request), {
        title: words.withError(before.name),
        section: 'organisations',
        body,
        lang: pageLanguage(request),
        breadcrumbs: crumbsFor(words),
      }),
      400,
    );
  };
}

/** POST /organisationer/:id/slet: deletes and goes back to the list */
function deleteOrganisationPage(app: FastifyInstance): RouteHandlerMethod {
  return async (request, reply) => {
    const id = Number((request.params as { id: string }).id);
    if (!Number.isInteger(id) || id < 1) throw notFound('Organisation', id);
    // a clash (contacts left, an area convened) is said in Danish by the pages' error handler
    deleteOrganisation(app.db, request.actor!, id);
    return reply.redirect('/organisationer?besked=slettet', 303);
  };
}

export default async function organisationPages(app: FastifyInstance) {
  const read = { config: { access: 'authenticated' as const } };
  const write = { config: { access: 'editor' as const } };

  app.get('/organisationer', read, organisationListPage(app));
  app.get('/organisationer/ny', write, newOrganisationPage());
  app.post('/organisationer', write, createOrganisationPage(app));
  app.get('/organisationer/:id', read, organisationPage(app));
  app.post('/organisationer/:id', write, saveOrganisationPage(app));
  app.post('/organisationer/:id/slet', write, deleteOrganisationPage(app));
}
