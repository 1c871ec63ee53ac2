import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { HttpProblem, StaleVersion } from '../../http/problems.ts';
import { danishTextRefusal } from '../../http/text.ts';
import { recurringBlackouts } from '../../planning/blackouts.ts';
import { areaKindLabel, listLanguages } from '../../programmes/catalogues.ts';
import {
  createProgramme,
  DANISH_PROGRAMME_KEY,
  findProgramme,
  listProgrammes,
  toProgramme,
  updateProgramme,
} from '../../programmes/programmes.ts';
import {
  type AudienceRule,
  CreateProgramme,
  type Programme,
  ProgrammeSettings,
  type TaxonomyEntry,
  UpdateProgramme,
} from '../../programmes/schemas.ts';
import { listAreas } from '../../register/areas.ts';
import { listOrganisations } from '../../register/organisations.ts';
import { isoWeekdayName } from '../../text/dates.ts';
import { html } from '../../text/html.ts';
import { capitalised } from '../../text/lists.ts';
import { catalogueFor } from '../../text/messages.ts';
import { alert, checkboxes, selectField, textArea, textField } from '../components.ts';
import {
  errorSummary,
  type FormBody,
  type FormErrors,
  field,
  fields,
  pageContext,
  sendPage,
} from '../context.ts';
import { csrfField, page } from '../layout.ts';

/** The pages are Danish. */
const words = catalogueFor('da').pages.admin;
const dayNames = catalogueFor('da').pages.planning.blackoutDayNames;

/** The form's fields as typed; the planning defaults are the programme's settings.planning. */
interface ProgrammeForm {
  key: string;
  name: string;
  ownerOrganisationId: string;
  language: string;
  holidayCountry: string;
  holidayRegion: string;
  timeZone: string;
  areaKind: string;
  titlePattern: string;
  signature: string;
  replyAddress: string;
  weekdays: string[];
  startTime: string;
  endTime: string;
  meetingsPerArea: string;
  blackoutWeeks: string;
  /** Named yearly days kept free (Grundlovsdag, the days before Easter); unticked = lifted. */
  blackoutDays: string[];
  /** The outcome taxonomy, a "key | da: name | nb: name" line per entry. */
  agreementTypes: string;
  barrierCategories: string;
  forumLevels: string;
  /** The audience rules, a "sector | level | roles" line per rule. */
  audience: string;
  version: string;
}

const TEXT_FIELDS = [
  'key',
  'name',
  'ownerOrganisationId',
  'language',
  'holidayCountry',
  'holidayRegion',
  'timeZone',
  'areaKind',
  'titlePattern',
  'signature',
  'replyAddress',
  'startTime',
  'endTime',
  'meetingsPerArea',
  'blackoutWeeks',
  'agreementTypes',
  'barrierCategories',
  'forumLevels',
  'audience',
  'version',
] as const;

const TAXONOMY_FIELDS = ['agreementTypes', 'barrierCategories', 'forumLevels'] as const;

const entriesText = (entries: readonly TaxonomyEntry[]) =>
  entries
    .map((e) => [e.key, ...Object.entries(e.labels).map(([lang, name]) => `${lang}: ${name}`)].join(' | '))
    .join('\n');

const linesOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.split('|').map((part) => part.trim()))
    .filter((parts) => parts.some(Boolean));

/** "key | da: name | nb: navn" lines as taxonomy entries; a name without a language is Danish. The schema judges the rest. */
function entriesOf(text: string) {
  return linesOf(text).map(([key = '', ...names]) => ({
    key,
    labels: Object.fromEntries(
      names.filter(Boolean).map((name) => {
        const m = /^([a-z]{2,3})\s*:\s*(.*)$/.exec(name);
        return m ? [m[1], m[2]] : ['da', name];
      }),
    ),
  }));
}

const audienceText = (rules: readonly AudienceRule[]) =>
  rules.map((r) => [r.sector ?? '', r.level ?? '', (r.roleKeys ?? []).join(', ')].join(' | ')).join('\n');

/** "sector | level | role, role" lines as audience rules; an empty place is left out (it means all). */
function audienceOf(text: string) {
  return linesOf(text).map(([sector, level, roles = '']) => {
    const roleKeys = roles.split(/[\s,]+/).filter(Boolean);
    return {
      ...(sector ? { sector } : {}),
      ...(level ? { level } : {}),
      ...(roleKeys.length ? { roleKeys } : {}),
    };
  });
}

function formOf(body: FormBody | undefined): ProgrammeForm {
  const form = Object.fromEntries(TEXT_FIELDS.map((name) => [name, field(body, name)]));
  return {
    ...(form as Omit<ProgrammeForm, 'weekdays' | 'blackoutDays'>),
    weekdays: fields(body, 'weekdays'),
    blackoutDays: fields(body, 'blackoutDays'),
  };
}

function formOfProgramme(p: Programme): ProgrammeForm {
  const planning = p.settings.planning;
  return {
    key: p.key,
    name: p.name,
    ownerOrganisationId: p.ownerOrganisationId === null ? '' : String(p.ownerOrganisationId),
    language: p.language,
    holidayCountry: p.holidayCountry,
    holidayRegion: p.holidayRegion ?? '',
    timeZone: p.timeZone,
    areaKind: p.areaKind,
    titlePattern: p.titlePattern,
    signature: p.signature ?? '',
    replyAddress: p.replyAddress ?? '',
    weekdays: planning.weekdays.map(String),
    startTime: planning.startTime,
    endTime: planning.endTime,
    meetingsPerArea: String(planning.meetingsPerArea),
    blackoutWeeks: planning.blackoutWeeks.join(', '),
    blackoutDays: planning.blackoutDays,
    agreementTypes: entriesText(p.settings.taxonomy.agreementTypes),
    barrierCategories: entriesText(p.settings.taxonomy.barrierCategories),
    forumLevels: entriesText(p.settings.taxonomy.forumLevels),
    audience: audienceText(p.settings.audience),
    version: String(p.version),
  };
}

/** A new programme starts from the Danish one's language, calendar and planning defaults; the admin changes what differs. */
function newProgrammeForm(app: FastifyInstance): ProgrammeForm {
  const danish = toProgramme(findProgramme(app.db, DANISH_PROGRAMME_KEY));
  return {
    ...formOfProgramme(danish),
    key: '',
    name: '',
    ownerOrganisationId: '',
    titlePattern: '{programme} {year} – {area}',
    signature: '',
    replyAddress: '',
    audience: '',
    version: '',
  };
}

const numbers = (text: string) =>
  text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(Number);

/** The form as the API's input: the settings the form does not show are kept from `base`. */
function inputOf(form: ProgrammeForm, base: ProgrammeSettings) {
  return {
    name: form.name,
    ownerOrganisationId: form.ownerOrganisationId ? Number(form.ownerOrganisationId) : null,
    language: form.language,
    holidayCountry: form.holidayCountry,
    holidayRegion: form.holidayRegion || null,
    timeZone: form.timeZone,
    areaKind: form.areaKind,
    titlePattern: form.titlePattern,
    signature: form.signature || null,
    replyAddress: form.replyAddress || null,
    settings: {
      ...base,
      audience: audienceOf(form.audience),
      taxonomy: Object.fromEntries(TAXONOMY_FIELDS.map((name) => [name, entriesOf(form[name])])),
      planning: {
        ...base.planning,
        weekdays: form.weekdays.map(Number),
        startTime: form.startTime,
        endTime: form.endTime,
        meetingsPerArea: Number(form.meetingsPerArea || 1),
        blackoutWeeks: numbers(form.blackoutWeeks),
        blackoutDays: form.blackoutDays,
      },
    },
  };
}

/** The form field a schema path or a domain refusal's field names: body.settings.planning.weekdays → weekdays. */
function fieldOf(path: readonly PropertyKey[]): string {
  const names = path.map(String).filter((p) => p !== 'body');
  if (names[0] !== 'settings') return names[0] ?? 'name';
  return names[1] === 'audience' ? 'audience' : (names[2] ?? names[1] ?? 'settings');
}

function schemaErrors(error: z.ZodError): FormErrors {
  const errors: FormErrors = {};
  for (const issue of error.issues) {
    const name = fieldOf(issue.path);
    errors[name] ??= danishTextRefusal(issue) ?? words.errors[name] ?? words.errors.settings!;
  }
  return errors;
}

/** A refusal from the domain, as Danish sentences next to its fields; rethrown when it is not the form's. */
function refusalErrors(error: unknown, isNew: boolean): { errors: FormErrors; problem?: string } {
  if (error instanceof StaleVersion) return { errors: {}, problem: words.changedMeanwhile };
  if (!(error instanceof HttpProblem) || error.status >= 500) throw error;
  if (error.status === 409)
    return isNew
      ? { errors: { key: words.errors.keyTaken! } }
      : { errors: { areaKind: words.errors.areaKindStays! } };
  const errors: FormErrors = {};
  for (const f of error.fields ?? []) {
    const name = fieldOf(f.field.split('.'));
    const inUse = f.message.startsWith('in use:') ? words.errors.taxonomyKeyInUse : undefined;
    errors[name] ??= inUse ?? words.errors[name] ?? words.errors.settings!;
  }
  return Object.keys(errors).length ? { errors } : { errors: {}, problem: words.notSaved };
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7].map((d) => capitalised(isoWeekdayName(d)));

/** The choices the form offers: languages, owners and the kinds of area that exist. */
function choices(app: FastifyInstance) {
  const kinds = [...new Set(listAreas(app.db).map((a) => a.kind))].sort();
  return {
    languages: listLanguages(app.db).map((l) => ({ value: l.code, text: `${l.name} (${l.code})` })),
    // the admin pages are for platform admins, who see every organisation
    owners: listOrganisations(app.db, { limit: 1000, offset: 0 }, null).items.map((o) => ({
      value: o.id,
      text: o.name,
    })),
    areaKinds: kinds.map((k) => ({ value: k, text: areaKindLabel(app.db, k, 'da') ?? k })),
  };
}

interface FormView {
  form: ProgrammeForm;
  errors: FormErrors;
  isNew: boolean;
  problem?: string;
}

function programmeForm(app: FastifyInstance, request: FastifyRequest, v: FormView) {
  const { form, errors } = v;
  const c = choices(app);
  const f = words.fields;
  const text = (
    id: keyof ProgrammeForm & keyof typeof f,
    o: { required?: boolean; hint?: string; type?: string } = {},
  ) => textField({ id, label: f[id], value: form[id] as string, error: errors[id], ...o });
  return html`${errorSummary(errors, f)}
    ${v.problem ? alert('error', words.notSaved, v.problem) : ''}
    <form method="post" action="${v.isNew ? '/admin/programmer/ny' : `/admin/programmer/${form.key}`}" novalidate>${csrfField(pageContext(request))}
      ${v.isNew ? text('key', { hint: words.keyHint }) : html`<input type="hidden" name="version" value="${form.version}">`}
      ${text('name')}
      ${selectField({ id: 'ownerOrganisationId', label: f.ownerOrganisationId, value: form.ownerOrganisationId, required: false, empty: words.noOwner, error: errors.ownerOrganisationId, options: c.owners })}
      ${selectField({ id: 'language', label: f.language, value: form.language, error: errors.language, options: c.languages })}
      <div class="row"><div class="col-6 col-md-3">${text('holidayCountry', { hint: words.holidayCountryHint })}</div>
      <div class="col-6 col-md-3">${text('holidayRegion', { required: false })}</div></div>
      ${text('timeZone', { hint: words.timeZoneHint })}
      ${selectField({ id: 'areaKind', label: f.areaKind, value: form.areaKind, error: errors.areaKind, hint: words.areaKindHint, options: c.areaKinds })}
      ${text('titlePattern', { hint: words.titlePatternHint })}
      ${textArea({ id: 'signature', label: f.signature, value: form.signature, required: false, error: errors.signature, rows: 3 })}
      ${text('replyAddress', { required: false, type: 'email' })}
      <h2 class="h3">${words.planningDefaults}</h2>
      ${checkboxes({
        legend: f.weekdays,
        name: 'weekdays',
        idPrefix: 'weekday',
        options: WEEKDAYS.map((day, i) => ({
          value: String(i + 1),
          text: day,
          checked: form.weekdays.includes(String(i + 1)),
        })),
      })}
      ${errors.weekdays ? alert('error', errors.weekdays) : ''}
      <div class="row"><div class="col-6 col-md-3">${text('startTime', { type: 'time' })}</div>
      <div class="col-6 col-md-3">${text('endTime', { type: 'time' })}</div></div>
      ${text('meetingsPerArea', { type: 'number' })}
      ${text('blackoutWeeks', { required: false, hint: words.blackoutWeeksHint })}
      ${checkboxes({
        legend: f.blackoutDays,
        name: 'blackoutDays',
        idPrefix: 'blackoutDay',
        options: recurringBlackouts.map((key) => ({
          value: key,
          text: dayNames[key],
          checked: form.blackoutDays.includes(key),
        })),
      })}
      ${errors.blackoutDays ? alert('error', errors.blackoutDays) : ''}
      <h2 class="h3">${words.outcomesAndAudience}</h2>
      ${TAXONOMY_FIELDS.map((id) => textArea({ id, label: f[id], value: form[id], error: errors[id], hint: words.taxonomyHint, rows: 6, lang: 'mul' }))}
      ${textArea({ id: 'audience', label: f.audience, value: form.audience, required: false, error: errors.audience, hint: words.audienceHint, rows: 4 })}
      <button type="submit" class="button button-primary">${v.isNew ? words.create : words.save}</button>
      <a href="/admin/programmer" class="button button-secondary">${words.cancel}</a>
    </form>`;
}

const crumbs = [{ href: '/admin/programmer', text: words.programmesTitle }];

function sendAdminPage(
  request: FastifyRequest,
  reply: FastifyReply,
  o: {
    title: string;
    body: ReturnType<typeof html>;
    status?: number;
    notice?: ReturnType<typeof html>;
    crumbs?: boolean;
  },
) {
  return sendPage(
    reply,
    page(pageContext(request), {
      title: o.title,
      section: 'admin',
      body: o.body,
      notice: o.notice,
      breadcrumbs: o.crumbs ? crumbs : undefined,
    }),
    o.status,
  );
}

/** GET /admin/programmer: every programme, with a link to its settings. */
function programmeList(app: FastifyInstance) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const saved = (request.query as { besked?: string }).besked === 'gemt';
    const rows = listProgrammes(app.db);
    const body = html`<h1>${words.programmesTitle}</h1>
      <p class="font-lead">${words.programmesLead}</p>
      <p><a href="/admin/programmer/ny" class="button button-primary">${words.newProgramme}</a>
        <a href="/admin/kataloger" class="button button-secondary">${words.cataloguesTitle}</a>
        <a href="/admin/programmer/indlaes" class="button button-secondary">${catalogueFor('da').pages.programmeFile.link}</a></p>
      <div class="table--responsive-scroll" tabindex="0" role="region" aria-label="${words.programmesTitle}">
      <table class="table table--zebra" id="programmes"><thead><tr>
        <th scope="col">${words.fields.name}</th><th scope="col">${words.fields.key}</th><th scope="col">${words.fields.language}</th><th scope="col">${words.fields.areaKind}</th>
      </tr></thead><tbody>${rows.map(
        (
          p,
        ) => html`<tr><th scope="row"><a href="/admin/programmer/${p.key}">${p.name}</a></th><td>${p.key}</td><td>${p.language}</td>
          <td>${areaKindLabel(app.db, p.areaKind, 'da') ?? p.areaKind}</td></tr>`,
      )}</tbody></table></div>`;
    return sendAdminPage(request, reply, {
      title: words.programmesTitle,
      body,
      notice: saved ? alert('success', words.saved) : undefined,
    });
  };
}

function formPage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  v: FormView,
  status = 200,
) {
  const title = v.isNew ? words.newProgramme : v.form.name || v.form.key;
  const body = html`<h1>${title}</h1>${programmeForm(app, request, v)}`;
  return sendAdminPage(request, reply, { title, body, status, crumbs: true });
}

/** POST /admin/programmer/ny: checked by the API's schema and domain; nothing is saved until all is right. */
function createHandler(app: FastifyInstance) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const form = formOf(request.body as FormBody);
    const base = ProgrammeSettings.parse(findProgramme(app.db, DANISH_PROGRAMME_KEY).settings);
    const parsed = CreateProgramme.safeParse({ key: form.key, ...inputOf(form, { ...base, audience: [] }) });
    if (!parsed.success)
      return formPage(app, request, reply, { form, errors: schemaErrors(parsed.error), isNew: true }, 400);
    try {
      createProgramme(app.db, request.actor!, parsed.data);
    } catch (error) {
      return formPage(app, request, reply, { form, isNew: true, ...refusalErrors(error, true) }, 400);
    }
    return reply.redirect('/admin/programmer?besked=gemt', 303);
  };
}

function updateHandler(app: FastifyInstance) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const { key } = request.params as { key: string };
    const current = toProgramme(findProgramme(app.db, key));
    const form = { ...formOf(request.body as FormBody), key };
    const parsed = UpdateProgramme.safeParse({
      ...inputOf(form, current.settings),
      version: Number(form.version),
    });
    if (!parsed.success)
      return formPage(app, request, reply, { form, errors: schemaErrors(parsed.error), isNew: false }, 400);
    try {
      updateProgramme(app.db, request.actor!, key, parsed.data);
    } catch (error) {
      const refused = refusalErrors(error, false);
      return formPage(app, request, reply, { form, isNew: false, ...refused }, refused.problem ? 409 : 400);
    }
    return reply.redirect('/admin/programmer?besked=gemt', 303);
  };
}

/** Programme settings, for admins: create a programme and change its name, language, calendar and defaults. */
export default async function adminProgrammePages(app: FastifyInstance) {
  const admin = { config: { access: 'admin' as const } };
  app.get('/admin/programmer', admin, programmeList(app));
  app.get('/admin/programmer/ny', admin, async (request, reply) =>
    formPage(app, request, reply, { form: newProgrammeForm(app), errors: {}, isNew: true }),
  );
  app.post('/admin/programmer/ny', admin, createHandler(app));
  app.get('/admin/programmer/:key', admin, async (request, reply) => {
    const { key } = request.params as { key: string };
    const form = formOfProgramme(toProgramme(findProgramme(app.db, key)));
    return formPage(app, request, reply, { form, errors: {}, isNew: false });
  });
  app.post('/admin/programmer/:key', admin, updateHandler(app));
}
