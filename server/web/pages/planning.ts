import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WebRefusal } from '../../http/problems.ts';
import { danishTextRefusal } from '../../http/text.ts';
import { listCycles, planYear, previewYear } from '../../planning/cycles.ts';
import { planRuleSentences, sentencesOf } from '../../planning/explanations.ts';
import { InfeasiblePlan, YearAlreadyPlanned } from '../../planning/refusals.ts';
import { PlanningSettings, type PlanPreview } from '../../planning/schemas.ts';
import { html } from '../../text/html.ts';
import { alert, checkboxes, dateText, textField } from '../components.ts';
import { type FormBody, field, fields, pageContext, sendPage } from '../context.ts';
import { csrfField, page } from '../layout.ts';
import { pageRefusal } from '../refusals.ts';

const WEEKDAYS = ['Mandag', 'Tirsdag', 'Onsdag', 'Torsdag', 'Fredag', 'Lørdag', 'Søndag'];

interface PlanForm {
  year: string;
  weekdays: string[];
  startTime: string;
  endTime: string;
  meetingsPerArea: string;
  blackoutWeeks: string;
  blackoutDates: string;
  capacity: string;
}

function defaultForm(year: number): PlanForm {
  const d = PlanningSettings.parse({});
  return {
    year: String(year),
    weekdays: d.weekdays.map(String),
    startTime: d.startTime,
    endTime: d.endTime,
    meetingsPerArea: String(d.meetingsPerArea),
    blackoutWeeks: d.blackoutWeeks.join(', '),
    blackoutDates: '',
    capacity: '',
  };
}

function formOf(body: FormBody | undefined): PlanForm {
  return {
    year: field(body, 'year'),
    weekdays: fields(body, 'weekdays'),
    startTime: field(body, 'startTime'),
    endTime: field(body, 'endTime'),
    meetingsPerArea: field(body, 'meetingsPerArea'),
    blackoutWeeks: field(body, 'blackoutWeeks'),
    blackoutDates: field(body, 'blackoutDates'),
    capacity: field(body, 'capacity'),
  };
}

const numbers = (text: string) =>
  text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(Number);

/** The form as planner settings, checked by the planner's own schema; errors named per field in Danish. */
function parsePlan(form: PlanForm): {
  year?: number;
  settings?: PlanningSettings;
  errors: Record<string, string>;
} {
  const errors: Record<string, string> = {};
  const year = Number(form.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) errors.year = 'Skriv et år, fx 2027';
  const parsed = PlanningSettings.safeParse({
    weekdays: form.weekdays.map(Number),
    startTime: form.startTime,
    endTime: form.endTime,
    meetingsPerArea: Number(form.meetingsPerArea || 1),
    blackoutWeeks: numbers(form.blackoutWeeks),
    blackoutDates: form.blackoutDates.split(/[\s,;]+/).filter(Boolean),
    capacity: form.capacity ? Number(form.capacity) : null,
  });
  if (!parsed.success) {
    const messages: Record<string, string> = {
      weekdays: 'Vælg mindst én ugedag',
      startTime: 'Skriv et klokkeslæt som 09:30',
      endTime: 'Skriv et klokkeslæt som 13:00',
      meetingsPerArea: 'Skriv et tal fra 1 til 12',
      blackoutWeeks: 'Skriv ugenumre fra 1 til 53, adskilt af komma',
      blackoutDates: 'Skriv datoer som 2027-05-14, adskilt af komma',
      capacity: 'Skriv et positivt tal, eller lad feltet stå tomt',
    };
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0]);
      errors[name] ??= danishTextRefusal(issue) ?? messages[name] ?? issue.message;
    }
  }
  if (form.startTime >= form.endTime && !errors.startTime)
    errors.endTime = 'Mødet skal slutte efter det begynder';
  return Object.keys(errors).length ? { errors } : { year, settings: parsed.data, errors };
}

function planForm(request: FastifyRequest, form: PlanForm, errors: Record<string, string>) {
  return html`<form method="post" action="/planlaeg" novalidate>${csrfField(pageContext(request))}
    ${textField({ id: 'year', label: 'År', type: 'number', value: form.year, error: errors.year, classes: 'input-width-xs' })}
    ${checkboxes({
      legend: 'Ugedage, møderne må ligge på',
      name: 'weekdays',
      idPrefix: 'weekday',
      options: WEEKDAYS.map((text, i) => ({
        value: String(i + 1),
        text,
        checked: form.weekdays.includes(String(i + 1)),
      })),
    })}
    ${errors.weekdays ? alert('error', errors.weekdays) : ''}
    <div class="row"><div class="col-6 col-md-3">${textField({ id: 'startTime', label: 'Starttid', type: 'time', value: form.startTime, error: errors.startTime })}</div>
    <div class="col-6 col-md-3">${textField({ id: 'endTime', label: 'Sluttid', type: 'time', value: form.endTime, error: errors.endTime })}</div></div>
    ${textField({ id: 'meetingsPerArea', label: 'Møder pr. politikreds', type: 'number', value: form.meetingsPerArea, error: errors.meetingsPerArea, classes: 'input-width-xs' })}
    ${textField({ id: 'blackoutWeeks', label: 'Uger uden møder', value: form.blackoutWeeks, required: false, error: errors.blackoutWeeks, hint: 'Ugenumre adskilt af komma; vinter- og efterårsferie er sat på forhånd' })}
    ${textField({ id: 'blackoutDates', label: 'Andre datoer uden møder', value: form.blackoutDates, required: false, error: errors.blackoutDates, hint: 'Fx 2027-05-14, 2027-06-04' })}
    ${textField({ id: 'capacity', label: 'Højst antal deltagere pr. møde', type: 'number', value: form.capacity, required: false, error: errors.capacity })}
    <button type="submit" class="button button-primary">Vis forslag</button>
  </form>`;
}

/** The reasons every proposed meeting shares: the plan's rules and any sentence all explanations hold. */
function sharedReasons(plan: PlanPreview): string[] {
  const rows = plan.meetings.map((m) => sentencesOf(m.explanation));
  const inEvery = rows.length < 2 ? [] : rows[0]!.filter((s) => rows.every((row) => row.includes(s)));
  return [...new Set([...planRuleSentences(plan.settings), ...inEvery])];
}

function previewTable(plan: PlanPreview) {
  const shared = sharedReasons(plan);
  return html`<h2 class="h3">Gælder for alle møder</h2>
    <ul id="plan-rules">${shared.map((s) => html`<li>${s}</li>`)}</ul>
    <div class="table--responsive-scroll" tabindex="0" role="region" aria-label="Forslag til møder">
    <table class="table table--zebra" id="plan-preview"><caption class="sr-only">Foreslåede møder med begrundelse</caption>
    <thead><tr><th scope="col">Politikreds</th><th scope="col">Dato</th><th scope="col">Tid</th><th scope="col">Vært</th><th scope="col">Facilitator</th><th scope="col">Hvorfor denne dato</th></tr></thead>
    <tbody>${plan.meetings.map(
      (
        m,
      ) => html`<tr><th scope="row">${m.area.name}${plan.settings.meetingsPerArea > 1 ? ` (${m.sequenceInCycle})` : ''}</th>
        <td>${dateText(m.startsAt)}</td><td>${m.localStartTime}–${m.localEndTime}</td><td>${m.host?.name ?? '–'}</td>
        <td>${m.facilitator?.name ?? 'Ikke tildelt'}</td>
        <td>${sentencesOf(m.explanation)
          .filter((s) => !shared.includes(s))
          .join(
            ' ',
          )}${m.warnings.length ? html`<ul>${m.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : ''}</td></tr>`,
    )}</tbody></table></div>`;
}

function unplacedList(error: InfeasiblePlan) {
  const refusal = pageRefusal(error);
  return alert(
    'error',
    refusal.title,
    html`${refusal.items.length ? html`<ul>${refusal.items.map((item) => html`<li>${item}</li>`)}</ul>` : ''}<p>${refusal.text}</p>`,
  );
}

function planPage(request: FastifyRequest, reply: FastifyReply, body: ReturnType<typeof html>, status = 200) {
  return sendPage(
    reply,
    page(pageContext(request), { title: 'Planlæg et år', section: 'plan', body }),
    status,
  );
}

export default async function planningPages(app: FastifyInstance) {
  const write = { config: { access: 'editor' as const } };
  // the same context as the cycles API: every new meeting starts with a draft agenda

  app.get('/planlaeg', write, async (request, reply) => {
    const planned = new Set(
      listCycles(app.db)
        .filter((c) => c.areaKind === 'police_district')
        .map((c) => c.year),
    );
    let year = Number((request.query as { aar?: string }).aar) || new Date().getFullYear() + 1;
    while (planned.has(year)) year++;
    const body = html`<h1>Planlæg et år</h1>
      <p class="font-lead">Vælg år og regler. Du ser et forslag med en begrundelse for hver dato, før noget gemmes.</p>
      ${planned.size ? html`<p>Allerede planlagt: ${[...planned].sort().map((y) => html`<a href="/aar/${y}">${y}</a> `)}</p>` : ''}
      ${planForm(request, defaultForm(year), {})}`;
    return planPage(request, reply, body);
  });

  app.post('/planlaeg', write, async (request, reply) => {
    const form = formOf(request.body as FormBody);
    const { year, settings, errors } = parsePlan(form);
    if (!settings || year === undefined)
      return planPage(
        request,
        reply,
        html`<h1>Planlæg et år</h1>${alert('error', 'Ret felterne markeret nedenfor')}${planForm(request, form, errors)}`,
        400,
      );
    let plan: PlanPreview;
    try {
      plan = previewYear(app.db, { year, settings, dryRun: true });
    } catch (error) {
      if (!(error instanceof InfeasiblePlan)) throw error;
      return planPage(
        request,
        reply,
        html`<h1>Planlæg et år</h1>${unplacedList(error)}${planForm(request, form, {})}`,
        422,
      );
    }
    const ctx = pageContext(request);
    const body = html`<h1>Forslag til ${year}</h1>
      ${alert('info', `${plan.meetings.length} møder er foreslået`, 'Intet er gemt endnu. Gem planen, eller ret indstillingerne nedenfor.')}
      ${previewTable(plan)}
      <form method="post" action="/planlaeg/gem" class="mt-5">${csrfField(ctx)}
        <input type="hidden" name="year" value="${year}">
        <input type="hidden" name="settings" value="${JSON.stringify(settings)}">
        <button type="submit" class="button button-primary">Gem planen for ${year}</button>
      </form>
      <h2 class="mt-8">Ret indstillingerne</h2>
      ${planForm(request, form, {})}`;
    return planPage(request, reply, body);
  });

  app.post('/planlaeg/gem', write, async (request, reply) => {
    const body = request.body as FormBody;
    const year = Number(field(body, 'year'));
    let settings: PlanningSettings;
    try {
      settings = PlanningSettings.parse(JSON.parse(field(body, 'settings')));
    } catch {
      throw new WebRefusal(400, 'Planens indstillinger mangler eller er ugyldige.');
    }
    try {
      planYear(app.db, request.actor!, app.planning, { year, settings, dryRun: false });
    } catch (error) {
      if (error instanceof YearAlreadyPlanned)
        return planPage(
          request,
          reply,
          html`<h1>Planlæg et år</h1>${alert('warning', `${year} er allerede planlagt`, html`Se <a href="/aar/${year}">overblikket for ${year}</a>, hvor du kan flytte eller aflyse enkelte møder.`)}`,
          409,
        );
      if (error instanceof InfeasiblePlan)
        return planPage(request, reply, html`<h1>Planlæg et år</h1>${unplacedList(error)}`, 422);
      throw error;
    }
    return reply.redirect(`/aar/${year}?besked=planlagt`, 303);
  });
}
