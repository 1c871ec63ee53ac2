import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { scopeParam } from '../../accounts/access.ts';
import { danishTextRefusal } from '../../http/text.ts';
import { listOrganisations } from '../../register/organisations.ts';
import { personIdByEmail } from '../../register/queries/people.ts';
import { html } from '../../text/html.ts';
import { catalogueFor } from '../../text/messages.ts';
import { CreateVenue } from '../../venues/schemas.ts';
import { createVenue, deleteVenue, listVenues } from '../../venues/venues.ts';
import { alert, selectField, textArea, textField } from '../components.ts';
import {
  errorSummary,
  type FormBody,
  type FormErrors,
  field,
  pageContext,
  problemMessage,
  sendPage,
} from '../context.ts';
import { pageLanguage } from '../language.ts';
import { csrfField, page } from '../layout.ts';

/** /steder: the venue register, listed with a form to add one; the API's validation applies. */

const FIELDS = [
  'name',
  'street',
  'postcode',
  'town',
  'room',
  'directions',
  'accessibility',
  'seats',
] as const;
type VenueForm = Record<(typeof FIELDS)[number] | 'hostOrganisationId' | 'hostContactEmail', string>;

const wordsFor = (request: FastifyRequest) => catalogueFor(pageLanguage(request)).pages.venues;

function formOf(b: FormBody | undefined): VenueForm {
  const form = {} as VenueForm;
  for (const name of [...FIELDS, 'hostOrganisationId', 'hostContactEmail'] as const)
    form[name] = field(b, name);
  return form;
}

/** The form as the API's CreateVenue; each refused field gets its Danish sentence. */
function parse(app: FastifyInstance, form: VenueForm, words: ReturnType<typeof wordsFor>) {
  const errors: FormErrors = {};
  const email = form.hostContactEmail.trim().toLowerCase();
  const hostContactId = email ? personIdByEmail(app.db, email) : null;
  if (hostContactId === undefined) errors.hostContactEmail = words.errors.hostContactId!;
  const parsed = CreateVenue.safeParse({
    name: form.name,
    street: form.street,
    postcode: form.postcode,
    town: form.town,
    room: form.room || null,
    directions: form.directions || null,
    accessibility: form.accessibility || null,
    seats: form.seats ? Number(form.seats) : null,
    hostOrganisationId: form.hostOrganisationId ? Number(form.hostOrganisationId) : null,
    hostContactId: hostContactId ?? null,
  });
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0]);
      errors[name] ??= danishTextRefusal(issue) ?? words.errors[name] ?? issue.message;
    }
  return parsed.success && !Object.keys(errors).length ? { value: parsed.data, errors } : { errors };
}

function venuesPage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  o: { form?: VenueForm; errors?: FormErrors; problem?: string; status?: number } = {},
) {
  const words = wordsFor(request);
  const lang = pageLanguage(request);
  const ctx = pageContext(request);
  const editor = request.actor?.role !== 'viewer';
  const venues = listVenues(app.db, { limit: 500, offset: 0 }).items;
  const form = o.form ?? formOf(undefined);
  const errors = o.errors ?? {};
  const hosts = listOrganisations(app.db, { limit: 500, offset: 0 }, scopeParam(request.actor)).items;
  const besked = (request.query as { besked?: string }).besked;
  const notice = besked && words.notices[besked] ? alert('success', words.notices[besked]) : undefined;
  const input = (name: (typeof FIELDS)[number], required = false, type = 'text') =>
    textField({
      pageLang: lang,
      id: name,
      label: words.fields[name]!,
      value: form[name],
      required,
      type,
      error: errors[name],
    });
  const body = html`<h1>${words.title}</h1><p>${words.intro}</p>
    <p aria-live="polite">${words.count(venues.length)}.</p>
    ${
      venues.length
        ? html`<div class="table--responsive-scroll" tabindex="0" role="region" aria-label="${words.title}">
    <table class="table table--zebra" id="venues"><thead><tr><th scope="col">${words.fields.name}</th><th scope="col">${words.address}</th><th scope="col">${words.fields.seats}</th><th scope="col">${words.host}</th>${editor ? html`<th scope="col"><span class="sr-only">${words.delete}</span></th>` : ''}</tr></thead>
    <tbody>${venues.map(
      (
        v,
      ) => html`<tr><th scope="row">${v.name}</th><td>${v.fullAddress}${v.directions ? html`<br>${v.directions}` : ''}${v.accessibility ? html`<br>${v.accessibility}` : ''}</td>
      <td>${v.seats ?? '–'}</td><td>${v.hostOrganisation?.name ?? words.noHost}${v.hostContact ? html`<br>${v.hostContact.name} (${v.hostContact.email})` : ''}</td>
      ${editor ? html`<td><form method="post" action="/steder/${v.id}/slet">${csrfField(ctx)}<button type="submit" class="button button-tertiary">${words.delete}<span class="sr-only"> ${v.name}</span></button></form></td>` : ''}</tr>`,
    )}</tbody></table></div>`
        : html`<p>${words.none}</p>`
    }
    ${
      editor
        ? html`<h2 id="opret">${words.create}</h2>
    ${errorSummary(errors, { ...words.fields, hostContactEmail: words.fields.hostContactId! }, lang)}
    ${o.problem ? alert('error', o.problem) : ''}
    <form method="post" action="/steder" novalidate>${csrfField(ctx)}
      ${input('name', true)}${input('street', true)}
      <div class="row"><div class="col-4">${input('postcode', true)}</div><div class="col-8">${input('town', true)}</div></div>
      ${input('room')}
      ${textArea({ pageLang: lang, id: 'directions', label: words.fields.directions!, value: form.directions, required: false, rows: 2, error: errors.directions })}
      ${textArea({ pageLang: lang, id: 'accessibility', label: words.fields.accessibility!, value: form.accessibility, required: false, rows: 2, error: errors.accessibility })}
      ${input('seats', false, 'number')}
      ${selectField({ pageLang: lang, id: 'hostOrganisationId', label: words.fields.hostOrganisationId!, value: form.hostOrganisationId, required: false, empty: words.noHost, options: hosts.map((h) => ({ value: h.id, text: h.name })) })}
      ${textField({ pageLang: lang, id: 'hostContactEmail', label: words.fields.hostContactId!, type: 'email', value: form.hostContactEmail, required: false, error: errors.hostContactEmail })}
      <button type="submit" class="button button-primary">${words.save}</button></form>`
        : ''
    }`;
  return sendPage(
    reply,
    page(ctx, { title: words.title, section: 'organisations', body, notice, lang }),
    o.status ?? 200,
  );
}

export default async function venuePages(app: FastifyInstance) {
  const read = { config: { access: 'authenticated' as const } };
  const write = { config: { access: 'editor' as const } };
  app.get('/steder', read, async (request, reply) => venuesPage(app, request, reply));
  app.post('/steder', write, async (request, reply) => {
    const form = formOf(request.body as FormBody);
    const { value, errors } = parse(app, form, wordsFor(request));
    if (!value) return venuesPage(app, request, reply, { form, errors, status: 400 });
    try {
      createVenue(app.db, request.actor!, value);
    } catch (error) {
      return venuesPage(app, request, reply, { form, errors, problem: problemMessage(error), status: 400 });
    }
    return reply.redirect('/steder?besked=oprettet', 303);
  });
  app.post('/steder/:id/slet', write, async (request, reply) => {
    deleteVenue(app.db, request.actor!, Number((request.params as { id: string }).id));
    return reply.redirect('/steder?besked=slettet', 303);
  });
}
