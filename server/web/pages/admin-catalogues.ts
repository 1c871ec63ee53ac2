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
  updateLanguage,
  updateOrganisationKind,
  updateSector,
} from '../../programmes/catalogues.ts';
import {
  CreateLanguage,
  CreateOrganisationKind,
  CreateSector,
  UpdateLanguage,
  UpdateOrganisationKind,
  UpdateSector,
} from '../../programmes/schemas.ts';
import { createRole, deleteRole, listRoles, updateRole } from '../../register/roles.ts';
import { CreateRole, UpdateRole } from '../../register/schemas.ts';
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

function editLink(slug: CatalogueSlug, key: string | number, name: string): SafeHtml {
  return html`<a href="/admin/kataloger/${slug}/${String(key)}" aria-label="${c.editNamed(name)}">${c.edit}</a>`;
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
      html`<tr><th scope="row">${l.code}</th><td>${l.name}</td><td>${l.textsFrom}</td><td>${editLink('sprog', l.code, l.name)} ${deleteButton(ctx, 'sprog', l.code, l.name)}</td></tr>`,
  );
  return html`<section aria-labelledby="sprog"><h2 id="sprog">${c.titles.sprog}</h2>
    ${table('sprog', [c.code, c.name, c.textsFrom], rows)}
    ${addForm(ctx, 'sprog', [
      keyField('sprog', s, 'code', c.code),
      keyField('sprog', s, 'name', c.name),
      textsFromField(s),
    ])}</section>`;
}

const textsFromField = (s: PageState) =>
  selectField({
    id: 'sprog-textsFrom',
    label: c.textsFrom,
    value: s.form === 'sprog' ? s.values?.['sprog-textsFrom'] : 'da',
    error: s.errors?.['sprog-textsFrom'],
    options: textLanguages.map((lang) => ({ value: lang, text: c.nameIn[lang] })),
  });

function sectorsSection(app: FastifyInstance, ctx: PageContext, s: PageState): SafeHtml {
  const rows = listSectors(app.db).map(
    (r) =>
      html`<tr><th scope="row">${r.key}</th><td>${namesText(r.labels)}</td><td>${editLink('sektorer', r.key, r.labels.da ?? r.key)} ${deleteButton(ctx, 'sektorer', r.key, r.labels.da ?? r.key)}</td></tr>`,
  );
  return html`<section aria-labelledby="sektorer"><h2 id="sektorer">${c.titles.sektorer}</h2>
    ${table('sektorer', [c.key, c.names], rows)}
    ${addForm(ctx, 'sektorer', [keyField('sektorer', s), ...nameFields('sektorer', s)])}</section>`;
}

const sectorOptions = (app: FastifyInstance) =>
  listSectors(app.db).map((r) => ({ value: r.key, text: r.labels.da ?? r.key }));

const kindSectorField = (app: FastifyInstance, s: PageState) =>
  selectField({
    id: 'organisationstyper-sectorKey',
    label: c.sector,
    required: false,
    empty: c.noSector,
    value: s.form === 'organisationstyper' ? s.values?.['organisationstyper-sectorKey'] : '',
    error: s.errors?.['organisationstyper-sectorKey'],
    options: sectorOptions(app),
  });

function kindsSection(app: FastifyInstance, ctx: PageContext, s: PageState): SafeHtml {
  const rows = listOrganisationKinds(app.db).map(
    (r) =>
      html`<tr><th scope="row">${r.key}</th><td>${namesText(r.labels)}</td><td>${r.sectorKey ?? '–'}</td><td>${editLink('organisationstyper', r.key, r.labels.da ?? r.key)} ${deleteButton(ctx, 'organisationstyper', r.key, r.labels.da ?? r.key)}</td></tr>`,
  );
  return html`<section aria-labelledby="organisationstyper"><h2 id="organisationstyper">${c.titles.organisationstyper}</h2>
    ${table('organisationstyper', [c.key, c.names, c.sector], rows)}
    ${addForm(ctx, 'organisationstyper', [
      keyField('organisationstyper', s),
      ...nameFields('organisationstyper', s),
      kindSectorField(app, s),
    ])}</section>`;
}

/** A role's level and sector, as the add and edit forms ask for them. */
function roleSelects(app: FastifyInstance, s: PageState): SafeHtml[] {
  const value = (name: string) => (s.form === 'roller' ? s.values?.[`roller-${name}`] : '');
  return [
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
      options: sectorOptions(app),
    }),
  ];
}

function rolesSection(app: FastifyInstance, ctx: PageContext, s: PageState): SafeHtml {
  const rows = listRoles(app.db).map(
    (r) =>
      html`<tr><th scope="row">${r.key}</th><td>${r.name}</td><td>${catalogueFor('da').report[r.level as 'leadership']}</td><td>${r.side}</td><td>${editLink('roller', r.id, r.name)} ${deleteButton(ctx, 'roller', r.id, r.name)}</td></tr>`,
  );
  return html`<section aria-labelledby="roller"><h2 id="roller">${c.titles.roller}</h2>
    ${table('roller', [c.key, c.name, c.level, c.sector], rows)}
    ${addForm(ctx, 'roller', [
      keyField('roller', s),
      keyField('roller', s, 'name', c.name),
      keyField('roller', s, 'nameEn', c.nameIn.en),
      ...roleSelects(app, s),
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

/** A row of a catalogue as the edit form shows it: its heading and its fields' values. */
function rowOf(app: FastifyInstance, slug: CatalogueSlug, key: string) {
  if (slug === 'sprog') {
    const l = listLanguages(app.db).find((r) => r.code === key);
    return l && { title: l.code, values: { 'sprog-name': l.name, 'sprog-textsFrom': l.textsFrom } };
  }
  if (slug === 'roller') {
    const r = listRoles(app.db).find((row) => String(row.id) === key);
    const values = r && {
      'roller-name': r.name,
      'roller-nameEn': r.nameEn,
      'roller-level': r.level,
      'roller-side': r.side,
      'roller-version': String(r.version),
    };
    return r && values && { title: r.key, values };
  }
  const row = (slug === 'sektorer' ? listSectors(app.db) : listOrganisationKinds(app.db)).find(
    (r) => r.key === key,
  );
  if (!row) return undefined;
  const values: Record<string, string> = Object.fromEntries(
    Object.entries(row.labels).map(([lang, name]) => [`${slug}-name-${lang}`, name]),
  );
  if (row.sectorKey) values['organisationstyper-sectorKey'] = row.sectorKey;
  return { title: row.key, values };
}

/** The fields of a row's edit form; the key (a role's id) stays and is not a field. */
function editFields(app: FastifyInstance, slug: CatalogueSlug, s: PageState) {
  if (slug === 'sprog') return [keyField('sprog', s, 'name', c.name), textsFromField(s)];
  if (slug === 'roller')
    return [
      keyField('roller', s, 'name', c.name),
      keyField('roller', s, 'nameEn', c.nameIn.en),
      ...roleSelects(app, s),
      html`<input type="hidden" name="roller-version" value="${s.values?.['roller-version'] ?? ''}">`,
    ];
  return [...nameFields(slug, s), slug === 'organisationstyper' ? kindSectorField(app, s) : ''];
}

/** The edit form of a catalogue row: a language's name and texts, a sector's or kind's names, a role's name, level and sector. */
function editPage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  target: { slug: CatalogueSlug; key: string; title: string },
  s: PageState,
  status = 200,
) {
  const ctx = pageContext(request);
  const { slug, key, title } = target;
  const body = html`<h1>${c.editTitle(title)}</h1>
    ${s.problem ? alert('error', c.notChanged, s.problem) : ''}
    ${s.errors && Object.keys(s.errors).length ? alert('error', c.fixFields) : ''}
    <form method="post" action="/admin/kataloger/${slug}/${key}" novalidate>${csrfField(ctx)}
      ${editFields(app, slug, s)}
      <button type="submit" class="button button-primary">${c.saveChanges}</button>
      <a href="/admin/kataloger#${slug}" class="button button-secondary">${words.cancel}</a>
    </form>`;
  return sendPage(
    reply,
    page(ctx, {
      title: c.editTitle(title),
      section: 'admin',
      body,
      breadcrumbs: [{ href: '/admin/kataloger', text: c.title }],
    }),
    status,
  );
}

function editTarget(app: FastifyInstance, request: FastifyRequest) {
  const slug = slugOf(request);
  const key = (request.params as { key: string }).key;
  const row = slug ? rowOf(app, slug, key) : undefined;
  return slug && row ? { slug, key, title: row.title, values: row.values } : null;
}

/** GET /admin/kataloger/:slug/:key: the row's values in the form. */
function editForm(app: FastifyInstance) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const target = editTarget(app, request);
    if (!target) return reply.callNotFound();
    return editPage(app, request, reply, target, { form: target.slug, values: target.values });
  };
}

/** Each catalogue: how a posted edit form becomes the API's update, checked by the API's own schema. */
const updates: Record<CatalogueSlug, { schema: z.ZodType; of: (b: FormBody) => unknown }> = {
  sprog: {
    schema: UpdateLanguage,
    of: (b) => ({ name: field(b, 'sprog-name'), textsFrom: field(b, 'sprog-textsFrom') }),
  },
  sektorer: { schema: UpdateSector, of: (b) => ({ labels: labelsOf(b, 'sektorer') }) },
  organisationstyper: {
    schema: UpdateOrganisationKind,
    of: (b) => ({
      labels: labelsOf(b, 'organisationstyper'),
      sectorKey: field(b, 'organisationstyper-sectorKey') || null,
    }),
  },
  roller: {
    schema: UpdateRole,
    of: (b) => ({
      name: field(b, 'roller-name'),
      nameEn: field(b, 'roller-nameEn') || field(b, 'roller-name'),
      level: field(b, 'roller-level'),
      side: field(b, 'roller-side'),
      version: Number(field(b, 'roller-version')),
    }),
  },
};

function update(
  app: FastifyInstance,
  request: FastifyRequest,
  slug: CatalogueSlug,
  key: string,
  input: never,
) {
  const actor = request.actor!;
  if (slug === 'sprog') return updateLanguage(app.db, actor, key, input);
  if (slug === 'sektorer') return updateSector(app.db, actor, key, input);
  if (slug === 'organisationstyper') return updateOrganisationKind(app.db, actor, key, input);
  return updateRole(app.db, actor, Number(key), input);
}

/** A refused update as the page says it: next to the field the API names, else above the form. */
function updateRefusal(slug: CatalogueSlug, key: string, error: unknown): PageState | null {
  const refusal = pageRefusal(error);
  if (refusal.status >= 500 || refusal.status === 404) return null;
  if (!(error instanceof HttpProblem) || !error.fields?.length) return { problem: refusal.text };
  const name = fieldOfProblem(error);
  const ownTexts = name === 'textsFrom' && (textLanguages as readonly string[]).includes(key);
  return {
    errors: { [`${slug}-${name}`]: ownTexts ? c.errors.ownTexts! : (c.errors[name] ?? refusal.text) },
  };
}

/** POST /admin/kataloger/:slug/:key: the row's new values, checked by the API's schema; nothing saved until right. */
function editHandler(app: FastifyInstance) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const target = editTarget(app, request);
    if (!target) return reply.callNotFound();
    const { slug, key } = target;
    const body = request.body as FormBody;
    const values = Object.fromEntries(Object.keys(body ?? {}).map((k) => [k, field(body, k)]));
    const parsed = updates[slug].schema.safeParse(updates[slug].of(body));
    if (!parsed.success)
      return editPage(
        app,
        request,
        reply,
        target,
        { form: slug, values, errors: schemaErrors(slug, parsed.error) },
        400,
      );
    try {
      update(app, request, slug, key, parsed.data as never);
    } catch (error) {
      const refused = updateRefusal(slug, key, error);
      if (!refused) throw error;
      const status = pageRefusal(error).status;
      return editPage(app, request, reply, target, { form: slug, values, ...refused }, status);
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
