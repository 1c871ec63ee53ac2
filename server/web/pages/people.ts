import type { FastifyInstance, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { scopeParam } from '../../accounts/access.ts';
import type { Actor } from '../../accounts/accounts.ts';
import { named } from '../../http/plugin-name.ts';
import { notFound, StaleVersion } from '../../http/problems.ts';
import { danishTextRefusal } from '../../http/text.ts';
import { addressDeliveryFailures } from '../../mail/delivery-reports.ts';
import { listLanguages } from '../../programmes/catalogues.ts';
import { listOrganisations } from '../../register/organisations.ts';
import { createPerson, deletePerson, findPerson, listPeople, updatePerson } from '../../register/people.ts';
import { RegisterConflict } from '../../register/refusals.ts';
import { listRoles } from '../../register/roles.ts';
import { CreatePerson, type Person } from '../../register/schemas.ts';
import { html } from '../../text/html.ts';
import { alert, checkbox, checkboxes, selectField, textField } from '../components.ts';
import {
  errorSummary,
  type FormBody,
  type FormErrors,
  field,
  fields,
  pageContext,
  problemMessage,
  sendPage,
} from '../context.ts';
import { deliveryFailuresBlock } from '../delivery-failures.ts';
import { pageCatalogue, pageLanguage } from '../language.ts';
import { csrfField, page } from '../layout.ts';
import { importPages } from './people-import.ts';
import { erasurePages, erasureSection } from './person-erasure.ts';

/** The people pages' words, in the page's language. */
const wordsFor = (request: FastifyRequest) => pageCatalogue(request).pages.people;

const PAGE_SIZE = 50;

type PersonForm = {
  name: string;
  email: string;
  phone: string;
  title: string;
  organisationId: string;
  roles: string[];
  isFixedContact: boolean;
  language: string;
  version?: string;
};

function formOf(body: FormBody | undefined): PersonForm {
  return {
    name: field(body, 'name'),
    email: field(body, 'email'),
    phone: field(body, 'phone'),
    title: field(body, 'title'),
    organisationId: field(body, 'organisationId'),
    roles: fields(body, 'roles'),
    isFixedContact: field(body, 'isFixedContact') === 'ja',
    language: field(body, 'language') || 'da',
    version: field(body, 'version'),
  };
}

function formOfPerson(p: Person): PersonForm {
  return {
    name: p.name,
    email: p.email,
    phone: p.phone ?? '',
    title: p.title ?? '',
    organisationId: String(p.organisation.id),
    roles: p.roles.map((r) => r.key),
    isFixedContact: p.isFixedContact,
    language: p.language,
    version: String(p.version),
  };
}

/** Checks the form with the API's own schema; field errors come back in Danish. */
function parsePerson(
  form: PersonForm,
  words: ReturnType<typeof wordsFor>,
): { value?: CreatePerson; errors: FormErrors } {
  const parsed = CreatePerson.safeParse({
    name: form.name,
    email: form.email,
    phone: form.phone || null,
    title: form.title || null,
    organisationId: form.organisationId,
    roles: form.roles,
    isFixedContact: form.isFixedContact,
    language: form.language,
  });
  if (parsed.success) return { value: parsed.data, errors: {} };
  const errors: FormErrors = {};
  for (const issue of parsed.error.issues) {
    const name = String(issue.path[0]);
    errors[name] ??= danishTextRefusal(issue) ?? words.errors[name] ?? issue.message;
  }
  return { errors };
}

function personForm(
  app: FastifyInstance,
  request: FastifyRequest,
  o: { form: PersonForm; errors: FormErrors; action: string; submit: string; problem?: string },
) {
  const organisations = listOrganisations(app.db, { limit: 500, offset: 0 }, scopeParam(request.actor)).items;
  const roles = listRoles(app.db);
  const ctx = pageContext(request);
  const { labels } = pageCatalogue(request);
  const words = wordsFor(request);
  const lang = pageLanguage(request);
  return html`${errorSummary(o.errors, words.fields, lang)}
    ${o.problem ? alert('error', words.notSaved, o.problem) : ''}
    <form method="post" action="${o.action}" novalidate>
      ${csrfField(ctx)}
      ${o.form.version ? html`<input type="hidden" name="version" value="${o.form.version}">` : ''}
      ${textField({ id: 'name', pageLang: lang, label: words.fields.name, value: o.form.name, error: o.errors.name, autocomplete: 'off' })}
      ${textField({ id: 'email', pageLang: lang, label: words.fields.email, type: 'email', value: o.form.email, error: o.errors.email })}
      ${textField({ id: 'phone', pageLang: lang, label: words.fields.phone, type: 'tel', value: o.form.phone, required: false, error: o.errors.phone })}
      ${textField({ id: 'title', pageLang: lang, label: words.fields.title, value: o.form.title, required: false, error: o.errors.title })}
      ${selectField({
        pageLang: lang,
        id: 'organisationId',
        label: words.fields.organisationId,
        value: o.form.organisationId,
        error: o.errors.organisationId,
        empty: words.chooseOrganisation,
        options: organisations.map((org) => ({
          value: org.id,
          text: `${org.name} (${labels.organisationKind[org.kind] ?? org.kind})`,
        })),
      })}
      ${checkboxes({
        legend: words.fields.roles,
        name: 'roles',
        idPrefix: 'role',
        options: roles.map((r) => ({ value: r.key, text: r.name, checked: o.form.roles.includes(r.key) })),
      })}
      ${checkbox({ id: 'isFixedContact', name: 'isFixedContact', label: words.fixedContact, checked: o.form.isFixedContact })}
      ${selectField({
        pageLang: lang,
        id: 'language',
        label: words.fields.language,
        value: o.form.language,
        // the languages in the catalogue: Danish names for those with texts, a row's own name for the rest
        options: listLanguages(app.db).map((l) => ({
          value: l.code,
          text: (labels.language as Record<string, string>)[l.code] ?? l.name,
        })),
      })}
      <button type="submit" class="button button-primary">${o.submit}</button>
      <a href="/personer" class="button button-secondary">${words.cancel}</a>
    </form>`;
}

function editorOnly(actor: Actor | null) {
  return actor?.role !== 'viewer';
}

/** GET /personer: the list, searchable and paged */
function peopleListPage(app: FastifyInstance): RouteHandlerMethod {
  return async (request, reply) => {
    const words = wordsFor(request);
    const query = request.query as { q?: string; side?: string; besked?: string };
    const q = (query.q ?? '').slice(0, 100);
    const pageNo = Math.max(1, Number(query.side) || 1);
    const result = listPeople(
      app.db,
      {
        q: q || undefined,
        limit: PAGE_SIZE,
        offset: (pageNo - 1) * PAGE_SIZE,
      },
      scopeParam(request.actor),
    );
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    const notice =
      query.besked && words.notices[query.besked] ? alert('success', words.notices[query.besked]) : undefined;
    const link = (n: number) => `/personer?${new URLSearchParams({ ...(q ? { q } : {}), side: String(n) })}`;
    const body = html`<h1>${words.title}</h1>
      ${editorOnly(request.actor) ? html`<p class="actions-inline"><a href="/personer/ny" class="button button-primary">${words.create}</a> <a href="/personer/import" class="button button-secondary">${words.importCsv}</a></p>` : ''}
      <form method="get" action="/personer" role="search" class="mb-5">
        <div class="form-group search"><label class="form-label" for="q">${words.searchLabel}</label>
        <input class="form-input" id="q" name="q" type="search" value="${q}">
        <button type="submit" class="button button-secondary mt-3">${words.search}</button></div>
      </form>
      <p aria-live="polite">${words.count(result.total)}${q ? words.matching(q) : ''}.</p>
      ${
        result.items.length
          ? html`<div class="table--responsive-scroll" tabindex="0" role="region" aria-label="${words.title}">
          <table class="table table--zebra" id="people"><thead><tr><th scope="col">${words.fields.name}</th><th scope="col">${words.fields.organisationId}</th><th scope="col">${words.fields.roles}</th><th scope="col">${words.fields.email}</th></tr></thead>
          <tbody>${result.items.map(
            (
              p,
            ) => html`<tr><th scope="row"><a href="/personer/${p.id}">${p.name}</a></th><td>${p.organisation.name}</td>
              <td>${p.roles.map((r) => r.name).join(', ') || '–'}</td><td>${p.email}</td></tr>`,
          )}</tbody></table></div>`
          : ''
      }
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
        section: 'people',
        body,
        notice,
        lang: pageLanguage(request),
      }),
    );
  };
}

/** GET /personer/ny: an empty form (the organisation may be given) */
function newPersonPage(app: FastifyInstance): RouteHandlerMethod {
  return async (request, reply) => {
    const words = wordsFor(request);
    const form = formOf({});
    const orgId = (request.query as { organisation?: string }).organisation;
    if (orgId) form.organisationId = orgId;
    const body = html`<h1>${words.create}</h1>${personForm(app, request, { form, errors: {}, action: '/personer', submit: words.create })}`;
    return sendPage(
      reply,
      page(pageContext(request), {
        title: words.create,
        section: 'people',
        body,
        lang: pageLanguage(request),
        breadcrumbs: [{ href: '/personer', text: words.title }],
      }),
    );
  };
}

/** POST /personer: creates, or shows the form again with what is wrong */
function createPersonPage(app: FastifyInstance): RouteHandlerMethod {
  return async (request, reply) => {
    const words = wordsFor(request);
    const form = formOf(request.body as FormBody);
    const { value, errors } = parsePerson(form, words);
    let problem: string | undefined;
    if (value) {
      try {
        const created = createPerson(app.db, request.actor!, value);
        return reply.redirect(`/personer/${created.id}?besked=oprettet`, 303);
      } catch (error) {
        problem = problemMessage(error);
        if (error instanceof RegisterConflict && error.clash.kind === 'emailTaken') {
          errors.email = problem;
          problem = undefined;
        }
      }
    }
    const body = html`<h1>${words.create}</h1>${personForm(app, request, { form, errors, action: '/personer', submit: words.create, problem })}`;
    return sendPage(
      reply,
      page(pageContext(request), {
        title: words.withError(words.create),
        section: 'people',
        body,
        lang: pageLanguage(request),
        breadcrumbs: [{ href: '/personer', text: words.title }],
      }),
      400,
    );
  };
}

/** GET /personer/:id: the form for editors, the facts for viewers */
function personPage(app: FastifyInstance): RouteHandlerMethod {
  return async (request, reply) => {
    const words = wordsFor(request);
    const id = Number((request.params as { id: string }).id);
    const person = Number.isInteger(id) ? findPerson(app.db, id) : null;
    if (!person) throw notFound('Person', (request.params as { id: string }).id);
    const besked = (request.query as { besked?: string }).besked;
    const notice = besked && words.notices[besked] ? alert('success', words.notices[besked]) : undefined;
    const ctx = pageContext(request);
    const undelivered = deliveryFailuresBlock(addressDeliveryFailures(app.db, person.email), {
      showRecipient: false,
    });
    const body = editorOnly(request.actor)
      ? html`<h1>${person.name}</h1>${undelivered}
        ${personForm(app, request, { form: formOfPerson(person), errors: {}, action: `/personer/${person.id}`, submit: words.save })}
        <h2 class="mt-8">${words.deleteHeading}</h2>
        <form method="post" action="/personer/${person.id}/slet">${csrfField(ctx)}
          <button type="submit" class="button button-warning" data-confirm="${words.deleteConfirm(person.name)}">${words.deleteButton(person.name)}</button></form>
        ${erasureSection(request.actor, person, ctx, pageCatalogue(request))}`
      : html`<h1>${person.name}</h1>${undelivered}<dl>
        <dt>${words.fields.email}</dt><dd>${person.email}</dd><dt>${words.fields.phone}</dt><dd>${person.phone ?? '–'}</dd>
        <dt>${words.fields.title}</dt><dd>${person.title ?? '–'}</dd><dt>${words.fields.organisationId}</dt><dd>${person.organisation.name}</dd>
        <dt>${words.fields.roles}</dt><dd>${person.roles.map((r) => r.name).join(', ') || '–'}</dd></dl>`;
    return sendPage(
      reply,
      page(ctx, {
        title: person.name,
        section: 'people',
        body,
        lang: pageLanguage(request),
        notice,
        breadcrumbs: [{ href: '/personer', text: words.title }],
      }),
    );
  };
}

/** POST /personer/:id: saves, or shows the form again with what is wrong */
function savePersonPage(app: FastifyInstance): RouteHandlerMethod {
  return async (request, reply) => {
    const words = wordsFor(request);
    const id = Number((request.params as { id: string }).id);
    const before = Number.isInteger(id) ? findPerson(app.db, id) : null;
    if (!before) throw notFound('Person', (request.params as { id: string }).id);
    const form = formOf(request.body as FormBody);
    const { value, errors } = parsePerson(form, words);
    let problem: string | undefined;
    if (value) {
      try {
        updatePerson(app.db, request.actor!, id, { ...value, version: Number(form.version) || 0 });
        return reply.redirect(`/personer/${id}?besked=gemt`, 303);
      } catch (error) {
        problem = error instanceof StaleVersion ? words.changedMeanwhile : problemMessage(error);
      }
    }
    const body = html`<h1>${before.name}</h1>${personForm(app, request, { form, errors, action: `/personer/${id}`, submit: words.save, problem })}`;
    return sendPage(
      reply,
      page(pageContext(request), {
        title: words.withError(before.name),
        section: 'people',
        body,
        lang: pageLanguage(request),
        breadcrumbs: [{ href: '/personer', text: words.title }],
      }),
      problem === words.changedMeanwhile ? 409 : 400,
    );
  };
}

/** POST /personer/:id/slet: deletes and goes back to the list */
function deletePersonPage(app: FastifyInstance): RouteHandlerMethod {
  return async (request, reply) => {
    const id = Number((request.params as { id: string }).id);
    if (!Number.isInteger(id)) throw notFound('Person', id);
    deletePerson(app.db, request.actor!, id);
    return reply.redirect('/personer?besked=slettet', 303);
  };
}

export default async function peoplePages(app: FastifyInstance) {
  const read = { config: { access: 'authenticated' as const } };
  const write = { config: { access: 'editor' as const } };

  app.get('/personer', read, peopleListPage(app));
  app.get('/personer/ny', write, newPersonPage(app));
  app.post('/personer', write, createPersonPage(app));
  app.get('/personer/:id', read, personPage(app));
  app.post('/personer/:id', write, savePersonPage(app));
  app.post('/personer/:id/slet', write, deletePersonPage(app));

  await app.register(named(importPages));
  await app.register(named(erasurePages));
}
