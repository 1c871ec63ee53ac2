import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { mayAccessRecord } from '../../accounts/access.ts';
import { createExtraMeeting } from '../../planning/extra-meetings.ts';
import { RuleConflict } from '../../planning/refusals.ts';
import type { RuleViolation } from '../../planning/rules.ts';
import { NewMeeting } from '../../planning/schemas.ts';
import { listAreas } from '../../register/areas.ts';
import { html } from '../../text/html.ts';
import { alert, checkbox, selectField, textField } from '../components.ts';
import { type FormBody, field, pageContext, sendPage } from '../context.ts';
import { pageCatalogue, pageLanguage } from '../language.ts';
import { csrfField, page } from '../layout.ts';
import { pageRefusal } from '../refusals.ts';

type Words = ReturnType<typeof pageCatalogue>['pages']['extraMeeting'];

interface ExtraMeetingForm {
  areaId: string;
  date: string;
  startTime: string;
  endTime: string;
  title: string;
  venueName: string;
  capacity: string;
  violations?: RuleViolation[];
  error?: string;
}

const emptyForm = (areaId = ''): ExtraMeetingForm => ({
  areaId,
  date: '',
  startTime: '',
  endTime: '',
  title: '',
  venueName: '',
  capacity: '',
});

function formPage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  form: ExtraMeetingForm,
  status = 200,
) {
  const ctx = pageContext(request);
  const text = pageCatalogue(request);
  const words = text.pages.extraMeeting;
  // the areas of the programmes the account may change (and those of no programme yet)
  const areas = listAreas(app.db)
    .filter((a) => mayAccessRecord(app.db, request.actor, 'area', a.id, 'write'))
    .map((a) => ({ value: a.id, text: a.name }));
  const ruleConflict = text.refusal.page.ruleConflict;
  const body = html`<h1>${words.title}</h1>
    <p class="font-lead">${words.lead}</p>
    ${form.error ? alert('error', words.notCreated, form.error) : ''}
    ${
      form.violations?.length
        ? alert(
            'warning',
            ruleConflict.title,
            html`<ul>${form.violations.map((v) => html`<li>${text.planning.rule(v)}</li>`)}</ul><p>${ruleConflict.text}</p>`,
          )
        : ''
    }
    <form method="post" action="/moeder/nyt" novalidate>${csrfField(ctx)}
      ${selectField({ id: 'areaId', label: words.area, options: areas, value: form.areaId, empty: words.chooseArea })}
      <div class="row">
        <div class="col-12 col-md-4">${textField({ id: 'date', label: words.date, type: 'date', value: form.date })}</div>
        <div class="col-6 col-md-4">${textField({ id: 'startTime', label: words.startTime, type: 'time', value: form.startTime, required: false, hint: words.timeHint })}</div>
        <div class="col-6 col-md-4">${textField({ id: 'endTime', label: words.endTime, type: 'time', value: form.endTime, required: false })}</div>
      </div>
      ${textField({ id: 'title', label: words.meetingTitle, value: form.title, required: false, hint: words.titleHint })}
      ${textField({ id: 'venueName', label: words.venue, value: form.venueName, required: false })}
      ${textField({ id: 'capacity', label: words.capacity, type: 'number', value: form.capacity, required: false, hint: words.capacityHint })}
      ${form.violations?.length ? checkbox({ id: 'force', name: 'force', label: words.createAnyway, checked: false }) : ''}
      <button type="submit" class="button button-primary">${words.create}</button>
    </form>`;
  return sendPage(
    reply,
    page(ctx, { title: words.title, section: 'plan', body, lang: pageLanguage(request) }),
    status,
  );
}

function formOf(b: FormBody): ExtraMeetingForm {
  return {
    areaId: field(b, 'areaId'),
    date: field(b, 'date'),
    startTime: field(b, 'startTime'),
    endTime: field(b, 'endTime'),
    title: field(b, 'title'),
    venueName: field(b, 'venueName'),
    capacity: field(b, 'capacity'),
  };
}

/** What to correct, in the page's words: the field the check named, else the domain's refusal. */
function refusalText(error: unknown, words: Words): { text: string; status: number } {
  if (error instanceof z.ZodError) {
    const path = String(error.issues[0]?.path[0] ?? '');
    return { text: words.fieldErrors[path] ?? words.checkFields, status: 400 };
  }
  const refusal = pageRefusal(error);
  if (refusal.status >= 500) throw error;
  const named = (error as { fields?: { field: string }[] }).fields?.[0]?.field.replace('body.', '');
  return { text: (named && words.fieldErrors[named]) || refusal.text, status: refusal.status };
}

/** An extra meeting for one area outside the year's plan: /moeder/nyt (?omraade= chooses the area). */
export default async function extraMeetingPages(app: FastifyInstance) {
  const write = { config: { access: 'editor' as const } };
  app.get('/moeder/nyt', write, async (request, reply) => {
    const omraade = (request.query as { omraade?: string }).omraade;
    return formPage(app, request, reply, emptyForm(omraade && /^\d+$/.test(omraade) ? omraade : ''));
  });
  app.post('/moeder/nyt', write, async (request, reply) => {
    const b = request.body as FormBody;
    const form = formOf(b);
    let id: number;
    try {
      const input = NewMeeting.parse({
        areaId: Number(form.areaId) || undefined,
        date: form.date,
        startTime: form.startTime || undefined,
        endTime: form.endTime || undefined,
        title: form.title || undefined,
        venueName: form.venueName || undefined,
        capacity: form.capacity ? Number(form.capacity) : undefined,
        force: field(b, 'force') === 'ja',
      });
      id = createExtraMeeting(app.db, request.actor!, app.planning, input).id;
    } catch (error) {
      if (error instanceof RuleConflict)
        return formPage(app, request, reply, { ...form, violations: error.violations }, 409);
      const { text, status } = refusalText(error, pageCatalogue(request).pages.extraMeeting);
      return formPage(app, request, reply, { ...form, error: text }, status);
    }
    return reply.redirect(`/moeder/${id}?besked=oprettet`, 303);
  });
}
