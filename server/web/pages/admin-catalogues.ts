import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { roleLevels } from '../../../db/schema/index.ts';
import { HttpProblem } from '../../http/problems.ts';
import { danishTextRefusal } from '../../http/text.ts';
import {
  createLanguage,
  createOrganisationKind,
  createSector,
  deleteLanguage,
  deleteOrganisationKind,
  deleteSector,
  listLanguages,
  listOrganisationKinds,
  listSectors,
  updateOrganisationKind,
  updateSector,
} from '../../programmes/catalogues.ts';
import {
  CreateLanguage,
  CreateOrganisationKind,
  CreateSector,
  UpdateOrganisationKind,
  UpdateSector,
} from '../../programmes/schemas.ts';
import { createRole, deleteRole, listRoles } from '../../register/roles.ts';
import { CreateRole } from '../../register/schemas.ts';
import { html, type SafeHtml } from '../../text/html.ts';
import { textLanguages } from '../../text/language.ts';
import { catalogueFor } from '../../text/messages.ts';
import { alert, selectField, textField } from '../components.ts';
import { type FormBody, type FormErrors, field, pageContext, problemMessage, sendPage } from '../context.ts';
import { csrfField, type PageContext, page } from '../layout.ts';
import { pageRefusal } from '../refusals.ts';

/** The pages are Danish. */
const words = catalogueFor('da').pages.admin;
const c = words.catalogues;

/** The four catalogues on the page; each form's fields are prefixed with its name, so ids stay unique. */
type CatalogueSlug = 'sprog' | 'sektorer' | 'organisationstyper' | 'roller';

interface PageState {
  /** Which form the errors and values belong to. */
  form?: CatalogueSlug;
  values?: Record<string, string>;
  errors?: FormErrors;
  problem?: string;
  notice?: string;
}

const labelsOf = (b: FormBody, prefix: string) =>
  Object.fromEntries(
    textLanguages.map((lang) => [lang, field(b, `${prefix}-name-${lang}`)] as const).filter(([, v]) => v),
  );

/** Each catalogue: how a posted form becomes the API's input, checked by the API's own schema. */
const inputs: Record<CatalogueSlug, { schema: z.ZodType; of: (b: FormBody) => unknown }> = {
  sprog: {
    schema: CreateLanguage,
    of: (b) => ({
      code: field(b, 'sprog-code'),
      name: field(b, 'sprog-name'),
      textsFrom: field(b, 'sprog-textsFrom'),
    }),
  },
  sektorer: {
    schema: CreateSector,
    of: (b) => ({ key: field(b, 'sektorer-key'), labels: labelsOf(b, 'sektorer') }),
  },
  organisationstyper: {
    schema: CreateOrganisationKind,
    of: (b) => ({
      key: field(b, 'organisationstyper-key'),
      labels: labelsOf(b, 'organisationstyper'),
      sectorKey: field(b, 'organisationstyper-sectorKey') || null,
    }),
  },
  roller: {
    schema: CreateRole,
    of: (b) => ({
      key: field(b, 'roller-key'),
      name: field(b, 'roller-name'),
      nameEn: field(b, 'roller-nameEn') || field(b, 'roller-name'),
      level: field(b, 'roller-level'),
      side: field(b, 'roller-side'),
    }),
  },
};

function create(app: FastifyInstance, request: FastifyRequest, slug: CatalogueSlug, input: never) {
  const actor = request.actor!;
  if (slug === 'sprog') return createLanguage(app.db, actor, input);
  if (slug === 'sektorer') return createSector(app.db, actor, input);
  if (slug === 'organisationstyper') return createOrganisationKind(app.db, actor, input);
  return createRole(app.db, actor, input);
}

function remove(app: FastifyInstance, request: FastifyRequest, slug: CatalogueSlug, key: string) {
  const actor = request.actor!;
  if (slug === 'sprog') return deleteLanguage(app.db, actor, key);
  if (slug === 'sektorer') return deleteSector(app.db, actor, key);
  if (slug === 'organisationstyper') return deleteOrganisationKind(app.db, actor, key);
  return deleteRole(app.db, actor, Number(key));
}

/** Field errors of a form, by its prefixed field id; labels → the first name field. */
function schemaErrors(slug: CatalogueSlug, error: z.ZodError): FormErrors {
  const errors: FormErrors = {};
  for (const issue of error.issues) {
    const name = String(issue.path[0] ?? 'key');
    const id = name === 'labels' ? `${slug}-name-da` : `${slug}-${name === 'nameEn' ? 'name' : name}`;
    errors[id] ??= danishTextRefusal(issue) ?? c.errors[name] ?? c.errors.key!;
  }
  return errors;
}

function deleteButton(ctx: PageContext, slug: CatalogueSlug, key: string | number, name: string): SafeHtml {
  return html`<form method="post" action="/admin/kataloger/${slug}/${String(key)}/slet" class="d-inline">${csrfField(ctx)}
    <button type="submit" class="button button-secondary button-small" aria-label="${c.deleteNamed(name)}">${c.delete}</button></form>`;
}

function editLink(slug: 'sektorer' | 'organisationstyper', key: string, name: string): SafeHtml {
  return html`<a href="/admin/kataloger/${slug}/${key}" aria-label="${c.editNamed(name)}">${c.edit}</a>`;
}

const nameFields = (slug: CatalogueSlug, s: PageState) =>
  textLanguages.map((lang) =>
    textField({
      id: `${slug}-name-${lang}`,
      label: c.nameIn[lang],
      value: s.form === slug ? s.values?.[`${slug}-name-${lang}`] : '',
      required: lang === 'da',
      error: s.errors?.[`${slug}-name-${lang}`],
    }),
  );

function addForm(ctx: PageContext, slug: CatalogueSlug, body: SafeHtml[]): SafeHtml {
  return html`<form method="post" action="/admin/kataloger/${slug}" novalidate class="mt-5">${csrfField(ctx)}
    <fieldset><legend class="h4">${c.add[slug]}</legend>${body}</fieldset>
    <button type="submit" class="button button-primary">${c.addButton[slug]}</button></form>`;
}

function keyField(slug: CatalogueSlug, s: PageState, name = 'key', label = c.key): SafeHtml {
  const id = `${slug}-${name}`;
  return textField({
    id,
    label,
    value: s.form === slug ? s.values?.[id] : '',
    error: s.errors?.[id],
    classes: 'input-width-m',
  });
}

function table(slug: CatalogueSlug, headings: string[], rows: SafeHtml[]): SafeHtml {
  return html`<div class="table--responsive-scroll" tabindex="0" role="region" aria-label="${c.titles[slug]}">
    <table class="table table--compact" id="catalogue-${slug}"><thead><tr>${headings.map((h) => html`<th scope="col">${h}</th>`)}<th scope="col"><span class="sr-only">${c.delete}</span></th></tr></thead>
    <tbody>${rows}</tbody></table></div>`;
}

/** A row's names, each marked with its language so that screen readers (and the page tests) read it as such. */
const namesText = (labels: Record<string, string>) =>
  html`<ul class="unstyled-list">${Object.entries(labels).map(
    ([lang, name]) => html`<li><span lang="${lang}">${name}</span> (${lang})</li>`,
  )}</ul>`;

function languagesSection(app: FastifyInstance, ctx: PageContext, s: PageState): SafeHtml {
  const rows = listLanguages(app.db).map(
    (l) =>
      html`<tr><th scope="row">${l.code}</th><td>${l.name}</td><td>${l.textsFrom}</td><td>${deleteButton(ctx, 'sprog', l.code, l.name)}</td></tr>`,
  );
  return html`<section aria-labelledby="sprog"><h2 id="sprog">${c.titles.sprog}</h2>
    ${table('sprog', [c.code, c.name, c.textsFrom], rows)}
    ${addForm(ctx, 'sprog', [
      keyField('sprog', s, 'code', c.code),
      keyField('sprog', s, 'name', c.name),
      selectField({
        id: 'sprog-textsFrom',
        label: c.textsFrom,
        value: s.form === 'sprog' ? s.values?.['sprog-textsFrom'] : 'da',
        error: s.errors?.['sprog-textsFrom'],
        options: textLanguages.map((lang) => ({ value: lang, text: c.nameIn[lang] })),
      }),
    ])}</section>`;
}

function sectorsSection(app: FastifyInstance, ctx: PageContext, s: PageState): SafeHtml {
  const rows = listSectors(app.db).map(
    (r) =>
      html`<tr><th scope="row">${r.key}</th><td>${namesText(r.labels)}</td><td>${editLink('sektorer', r.key, r.labels.da ?? r.key)} ${deleteButton(ctx, 'sektorer', r.key, r.labels.da ?? r.key)}</td></tr>`,
  );
  return html`<section aria-labelledby="sektorer"><h2 id="sektorer">${c.titles.sektorer}</h2>
    ${table('sektorer', [c.key, c.names], rows)}
    ${addForm(ctx, 'sektorer', [keyField('sektorer', s), ...nameFields('sektorer', s)])}</section>`;
}

function kindsSection(app: FastifyInstance, ctx: PageContext, s: PageState): SafeHtml {
  const sectors = listSectors(app.db).map((r) => ({ value: r.key, text: r.labels.da ?? r.key }));
  const rows = listOrganisationKinds(app.db).map(
    (r) =>
      html`<tr><th scope="row">${r.key}</th><td>${namesText(r.labels)}</td><td>${r.sectorKey ?? '–'}</td><td>${editLink('organisationstyper', r.key, r.labels.da ?? r.key)} ${deleteButton(ctx, 'organisationstyper', r.key, r.labels.da ?? r.key)}</td></tr>`,
  );
  return html`<section aria-labelledby="organisationstyper"><h2 id="organisationstyper">${c.titles.organisationstyper}</h2>
    ${table('organisationstyper', [c.key, c.names, c.sector], rows)}
    ${addForm(ctx, 'organisationstyper', [
      keyField('organisationstyper', s),
      ...nameFields('organisationstyper', s),
      selectField({
        id: 'organisationstyper-sectorKey',
        label: c.sector,
        required: false,
        empty: c.noSector,
        value: s.form === 'organisationstyper' ? s.values?.['organisationstyper-sectorKey'] : '',
        error: s.errors?.['organisationstyper-sectorKey'],
        options: sectors,
      }),
    ])}</section>`;
}

function rolesSection(app: FastifyInstance, ctx: PageContext, s: PageState): SafeHtml {
  const sectors = listSectors(app.db).map((r) => ({ value: r.key, text: r.labels.da ?? r.key }));
  const rows = listRoles(app.db).map(
    (r) =>
      html`<tr><th scope="row">${r.key}</th><td>${r.name}</td><td>${catalogueFor('da').report[r.level as 'leadership']}</td><td>${r.side}</td><td>${deleteButton(ctx, 'roller', r.id, r.name)}</td></tr>`,
  );
  const value = (name: string) => (s.form === 'roller' ? s.values?.[`roller-${name}`] : '');
  return html`<section aria-labelledby="roller"><h2 id="roller">${c.titles.roller}</h2>
    ${table('roller', [c.key, c.name, c.level, c.sector], rows)}
    ${addForm(ctx, 'roller', [
      keyField('roller', s),
      keyField('roller', s, 'name', c.name),
      keyField('roller', s, 'nameEn', c.nameIn.en),
      selectField({
        id: 'roller-level',
        label: c.level,
        value: value('level'),
        error: s.errors?.['roller-level'],
        options: roleLevels.map((l) => ({ value: l, text: catalogueFor('da').report[l] })),
      }),
      selectField({
        id: 'roller-side',
        label: c.sector,
        value: value('side'),
        error: s.errors?.['roller-side'],
        options: sectors,
      }),
    ])}</section>`;
}

function cataloguesPage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  s: PageState,
  status = 200,
) {
  const ctx = pageContext(request);
  const body = html`<h1>${c.title}</h1>
    <p class="font-lead">${c.lead}</p>
    ${s.problem ? alert('error', c.notDeleted, s.problem) : ''}
    ${s.errors && Object.keys(s.errors).length ? alert('error', c.notAdded, c.fixFields) : ''}
    <nav aria-label="${c.onThisPage}"><ul class="inline-list">${(
      ['sprog', 'sektorer', 'organisationstyper', 'roller'] as const
    ).map((slug) => html`<li><a href="#${slug}">${c.titles[slug]}</a></li>`)}</ul></nav>
    ${languagesSection(app, ctx, s)}${sectorsSection(app, ctx, s)}${kindsSection(app, ctx, s)}${rolesSection(app, ctx, s)}`;
  return sendPage(
    reply,
    page(ctx, {
      title: c.title,
      section: 'admin',
      body,
      notice: s.notice ? alert('success', s.notice) : undefined,
      breadcrumbs: [{ href: '/admin/programmer', text: words.programmesTitle }],
    }),
    status,
  );
}

const SLUGS: readonly string[] = ['sprog', 'sektorer', 'organisationstyper', 'roller'];
const slugOf = (request: FastifyRequest): CatalogueSlug | null => {
  const slug = (request.params as { slug: string }).slug;
  return SLUGS.includes(slug) ? (slug as CatalogueSlug) : null;
};

/** POST /admin/kataloger/:slug: adds a row through the domain; refusals next to the form's fields. */
function addHandler(app: FastifyInstance) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const slug = slugOf(request);
    if (!slug) return reply.callNotFound();
    const body = request.body as FormBody;
    const values = Object.fromEntries(Object.keys(body ?? {}).map((k) => [k, field(body, k)]));
    const parsed = inputs[slug].schema.safeParse(inputs[slug].of(body));
    if (!parsed.success)
      return cataloguesPage(
        app,
        request,
        reply,
        { form: slug, values, errors: schemaErrors(slug, parsed.error) },
        400,
      );
    try {
      create(app, request, slug, parsed.data as never);
    } catch (error) {
      if (!(error instanceof HttpProblem) || error.status >= 500) throw error;
      const id =
        error.status === 409
          ? `${slug}-${slug === 'sprog' ? 'code' : 'key'}`
          : `${slug}-${fieldOfProblem(error)}`;
      const text =
        error.status === 409 ? c.errors.taken! : (c.errors[fieldOfProblem(error)] ?? problemMessage(error));
      return cataloguesPage(
        app,
        request,
        reply,
        { form: slug, values, errors: { [id]: text } },
        error.status,
      );
    }
    return reply.redirect(`/admin/kataloger?besked=tilfoejet#${slug}`, 303);
  };
}

const fieldOfProblem = (error: HttpProblem) => error.fields?.[0]?.field.replace(/^body\./, '') ?? 'key';

/** POST /admin/kataloger/:slug/:key/slet: a row in use stays, and the page says what uses it. */
function deleteHandler(app: FastifyInstance) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const slug = slugOf(request);
    if (!slug) return reply.callNotFound();
    try {
      remove(app, request, slug, (request.params as { key: string }).key);
    } catch (error) {
      const refusal = pageRefusal(error);
      if (refusal.status >= 500) throw error;
      return cataloguesPage(app, request, reply, { problem: refusal.text }, refusal.status);
    }
    return reply.redirect(`/admin/kataloger?besked=slettet#${slug}`, 303);
  };
}

type EditSlug = 'sektorer' | 'organisationstyper';

/** The edit form of a sector's or organisation kind's names (and a kind's sector). */
function editPage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  slug: EditSlug,
  key: string,
  s: PageState,
  status = 200,
) {
  const ctx = pageContext(request);
  const sectors = listSectors(app.db).map((r) => ({ value: r.key, text: r.labels.da ?? r.key }));
  const body = html`<h1>${c.editTitle(key)}</h1>
    ${s.errors && Object.keys(s.errors).length ? alert('error', c.fixFields) : ''}
    <form method="post" action="/admin/kataloger/${slug}/${key}" novalidate>${csrfField(ctx)}
      ${nameFields(slug, s)}
      ${
        slug === 'organisationstyper'
          ? selectField({
              id: 'organisationstyper-sectorKey',
              label: c.sector,
              required: false,
              empty: c.noSector,
              value: s.values?.['organisationstyper-sectorKey'] ?? '',
              error: s.errors?.['organisationstyper-sectorKey'],
              options: sectors,
            })
          : ''
      }
      <button type="submit" class="button button-primary">${c.saveChanges}</button>
      <a href="/admin/kataloger#${slug}" class="button button-secondary">${words.cancel}</a>
    </form>`;
  return sendPage(
    reply,
    page(ctx, {
      title: c.editTitle(key),
      section: 'admin',
      body,
      breadcrumbs: [{ href: '/admin/kataloger', text: c.title }],
    }),
    status,
  );
}

function editSlugOf(request: FastifyRequest): { slug: EditSlug; key: string } | null {
  const { slug, key } = request.params as { slug: string; key: string };
  return slug === 'sektorer' || slug === 'organisationstyper' ? { slug, key } : null;
}

/** GET /admin/kataloger/:slug/:key: the row's names in the form. */
function editForm(app: FastifyInstance) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const target = editSlugOf(request);
    const rows = target?.slug === 'sektorer' ? listSectors(app.db) : listOrganisationKinds(app.db);
    const row = rows.find((r) => r.key === target?.key);
    if (!target || !row) return reply.callNotFound();
    const values: Record<string, string> = Object.fromEntries(
      Object.entries(row.labels).map(([lang, name]) => [`${target.slug}-name-${lang}`, name]),
    );
    if (row.sectorKey) values['organisationstyper-sectorKey'] = row.sectorKey;
    return editPage(app, request, reply, target.slug, target.key, { form: target.slug, values });
  };
}

/** POST /admin/kataloger/:slug/:key: new names, checked by the API's schema; nothing saved until right. */
function editHandler(app: FastifyInstance) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const target = editSlugOf(request);
    if (!target) return reply.callNotFound();
    const { slug, key } = target;
    const body = request.body as FormBody;
    const values = Object.fromEntries(Object.keys(body ?? {}).map((k) => [k, field(body, k)]));
    const input = {
      labels: labelsOf(body, slug),
      ...(slug === 'organisationstyper'
        ? { sectorKey: field(body, 'organisationstyper-sectorKey') || null }
        : {}),
    };
    const schema = slug === 'sektorer' ? UpdateSector : UpdateOrganisationKind;
    const parsed = schema.safeParse(input);
    if (!parsed.success)
      return editPage(
        app,
        request,
        reply,
        slug,
        key,
        { form: slug, values, errors: schemaErrors(slug, parsed.error) },
        400,
      );
    try {
      if (slug === 'sektorer')
        updateSector(app.db, request.actor!, key, parsed.data as z.infer<typeof UpdateSector>);
      else
        updateOrganisationKind(
          app.db,
          request.actor!,
          key,
          parsed.data as z.infer<typeof UpdateOrganisationKind>,
        );
    } catch (error) {
      const refusal = pageRefusal(error);
      if (refusal.status >= 500 || refusal.status === 404) throw error;
      return editPage(
        app,
        request,
        reply,
        slug,
        key,
        { form: slug, values, errors: { [`${slug}-sectorKey`]: c.errors.sectorKey! } },
        refusal.status,
      );
    }
    return reply.redirect(`/admin/kataloger?besked=rettet#${slug}`, 303);
  };
}

/** The catalogues, for admins: languages, sectors, organisation kinds and roles, added and deleted. */
export default async function adminCataloguePages(app: FastifyInstance) {
  const admin = { config: { access: 'admin' as const } };
  app.get('/admin/kataloger', admin, async (request, reply) => {
    const besked = (request.query as { besked?: string }).besked;
    const notices: Record<string, string> = { tilfoejet: c.added, slettet: c.deleted, rettet: c.changed };
    const notice = besked ? notices[besked] : undefined;
    return cataloguesPage(app, request, reply, { notice });
  });
  app.post('/admin/kataloger/:slug', admin, addHandler(app));
  app.post('/admin/kataloger/:slug/:key/slet', admin, deleteHandler(app));
  app.get('/admin/kataloger/:slug/:key', admin, editForm(app));
  app.post('/admin/kataloger/:slug/:key', admin, editHandler(app));
}
