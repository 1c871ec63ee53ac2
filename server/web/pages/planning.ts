import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { scopeParam } from '../../accounts/access.ts';
import { WebRefusal } from '../../http/problems.ts';
import { danishTextRefusal } from '../../http/text.ts';
import { recurringBlackouts } from '../../planning/blackouts.ts';
import {
  cycleSettings,
  facilitatorChoices,
  listCycles,
  planYear,
  previewYear,
} from '../../planning/cycles.ts';
import { planRuleSentences, sentencesOf } from '../../planning/explanations.ts';
import { InfeasiblePlan, YearAlreadyPlanned } from '../../planning/refusals.ts';
import { PlanningSettings, type PlanPreview } from '../../planning/schemas.ts';
import { PlanningSettingsPatch } from '../../planning/settings.ts';
import { areaKindLabel } from '../../programmes/catalogues.ts';
import type { ProgrammeRow } from '../../programmes/queries.ts';
import { isoWeekdayName } from '../../text/dates.ts';
import { html } from '../../text/html.ts';
import { capitalised } from '../../text/lists.ts';
import { catalogueFor } from '../../text/messages.ts';
import { alert, checkboxes, dateText, textField } from '../components.ts';
import { type FormBody, field, fields, pageContext, sendPage } from '../context.ts';
import { pageCatalogue, pageLanguage } from '../language.ts';
import { csrfField, page } from '../layout.ts';
import { isDanishProgramme, pageProgramme } from '../programme.ts';
import { pageRefusal } from '../refusals.ts';

/** The plan page's words, in the page's language. */
const wordsOf = (request: FastifyRequest) => pageCatalogue(request).pages.planning;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7].map((d) => capitalised(isoWeekdayName(d)));

interface PlanForm {
  year: string;
  weekdays: string[];
  startTime: string;
  endTime: string;
  meetingsPerArea: string;
  blackoutWeeks: string;
  blackoutDates: string;
  /** The named yearly days kept free (Grundlovsdag, the days before Easter): unticking lifts one. */
  blackoutDays: string[];
  capacity: string;
  /** The facilitators ticked; all of them (the default) sends none, so the planner takes every one. */
  facilitatorIds: string[];
}

/** The programme's planning defaults (its weekdays, times, blackout weeks), the service's where it has none. */
const programmeDefaults = (request: FastifyRequest, programme: ProgrammeRow): PlanningSettings =>
  cycleSettings(request.server.db, programme.key, {});

function defaultForm(year: number, d: PlanningSettings): PlanForm {
  return {
    year: String(year),
    weekdays: d.weekdays.map(String),
    startTime: d.startTime,
    endTime: d.endTime,
    meetingsPerArea: String(d.meetingsPerArea),
    blackoutWeeks: d.blackoutWeeks.join(', '),
    blackoutDates: '',
    blackoutDays: d.blackoutDays,
    capacity: '',
    facilitatorIds: [],
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
    blackoutDays: fields(body, 'blackoutDays'),
    capacity: field(body, 'capacity'),
    facilitatorIds: fields(body, 'facilitatorIds'),
  };
}

const numbers = (text: string) =>
  text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(Number);

/**
 * The form as planner settings, checked by the planner's own schema; errors named per field in
 * Danish. What the form does not ask (area kind, time zone, holidays, blackout months) comes from
 * the programme in view.
 */
function parsePlan(
  request: FastifyRequest,
  programme: ProgrammeRow,
  form: PlanForm,
): {
  year?: number;
  settings?: PlanningSettings;
  errors: Record<string, string>;
} {
  const words = wordsOf(request);
  const errors: Record<string, string> = {};
  const year = Number(form.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) errors.year = words.errors.year!;
  // only what the form sends: the programme's defaults fill the rest (cycleSettings)
  const parsed = PlanningSettingsPatch.safeParse({
    weekdays: form.weekdays.map(Number),
    startTime: form.startTime,
    endTime: form.endTime,
    meetingsPerArea: Number(form.meetingsPerArea || 1),
    blackoutWeeks: numbers(form.blackoutWeeks),
    blackoutDates: form.blackoutDates.split(/[\s,;]+/).filter(Boolean),
    blackoutDays: form.blackoutDays,
    capacity: form.capacity ? Number(form.capacity) : null,
    ...facilitatorChoice(request, programme, form),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0]);
      errors[name] ??= danishTextRefusal(issue) ?? words.errors[name] ?? issue.message;
    }
  }
  if (form.startTime >= form.endTime && !errors.startTime) errors.endTime = words.errors.endBeforeStart!;
  if (Object.keys(errors).length || !parsed.success) return { errors };
  const settings = cycleSettings(request.server.db, programme.key, parsed.data);
  return { year, settings, errors };
}

/** The programme's facilitators as the form offers them. */
function facilitatorOptions(request: FastifyRequest) {
  return facilitatorChoices(request.server.db, pageProgramme(request).current.areaKind);
}

/** Facilitators named only when some were unticked: all ticked lets the planner take every one. */
function facilitatorChoice(request: FastifyRequest, programme: ProgrammeRow, form: PlanForm) {
  const all = facilitatorChoices(request.server.db, programme.areaKind);
  const ticked = all.filter((f) => form.facilitatorIds.includes(String(f.id))).map((f) => f.id);
  return ticked.length === all.length || !form.facilitatorIds.length ? {} : { facilitatorIds: ticked };
}

function planForm(request: FastifyRequest, form: PlanForm, errors: Record<string, string>) {
  const words = wordsOf(request);
  const facilitators = facilitatorOptions(request);
  const prep = catalogueFor(pageLanguage(request)).pages.preparation;
  return html`<form method="post" action="/planlaeg" novalidate>${csrfField(pageContext(request))}
    ${textField({ id: 'year', label: words.year, type: 'number', value: form.year, error: errors.year, classes: 'input-width-xs' })}
    ${checkboxes({
      legend: words.weekdays,
      name: 'weekdays',
      idPrefix: 'weekday',
      options: WEEKDAYS.map((text, i) => ({
        value: String(i + 1),
        text,
        checked: form.weekdays.includes(String(i + 1)),
      })),
    })}
    ${errors.weekdays ? alert('error', errors.weekdays) : ''}
    <div class="row"><div class="col-6 col-md-3">${textField({ id: 'startTime', label: words.startTime, type: 'time', value: form.startTime, error: errors.startTime })}</div>
    <div class="col-6 col-md-3">${textField({ id: 'endTime', label: words.endTime, type: 'time', value: form.endTime, error: errors.endTime })}</div></div>
    ${textField({ id: 'meetingsPerArea', label: words.meetingsPerArea, type: 'number', value: form.meetingsPerArea, error: errors.meetingsPerArea, classes: 'input-width-xs' })}
    ${textField({ id: 'blackoutWeeks', label: words.blackoutWeeks, value: form.blackoutWeeks, required: false, error: errors.blackoutWeeks, hint: words.blackoutWeeksHint })}
    ${textField({ id: 'blackoutDates', label: words.blackoutDates, value: form.blackoutDates, required: false, error: errors.blackoutDates, hint: words.blackoutDatesHint })}
    ${checkboxes({
      legend: words.blackoutDays,
      name: 'blackoutDays',
      idPrefix: 'blackoutDay',
      options: recurringBlackouts.map((key) => ({
        value: key,
        text: words.blackoutDayNames[key],
        checked: form.blackoutDays.includes(key),
      })),
    })}
    ${errors.blackoutDays ? alert('error', errors.blackoutDays) : ''}
    ${textField({ id: 'capacity', label: words.capacity, type: 'number', value: form.capacity, required: false, error: errors.capacity })}
    ${
      facilitators.length
        ? checkboxes({
            legend: prep.planFacilitators,
            name: 'facilitatorIds',
            idPrefix: 'facilitator',
            options: facilitators.map((f) => ({
              value: String(f.id),
              text: f.name,
              checked: !form.facilitatorIds.length || form.facilitatorIds.includes(String(f.id)),
            })),
          })
        : ''
    }
    <button type="submit" class="button button-primary">${words.preview}</button>
  </form>`;
}

/** The reasons every proposed meeting shares: the plan's rules and any sentence all explanations hold. */
function sharedReasons(plan: PlanPreview): string[] {
  const rows = plan.meetings.map((m) => sentencesOf(m.explanation));
  const inEvery = rows.length < 2 ? [] : rows[0]!.filter((s) => rows.every((row) => row.includes(s)));
  return [...new Set([...planRuleSentences(plan.settings), ...inEvery])];
}

/** The area column's heading: "Politikreds" in the Danish programme, the area kind's name in another. */
function areaColumn(request: FastifyRequest, programme: ProgrammeRow): string {
  const words = wordsOf(request);
  if (isDanishProgramme(programme)) return words.district;
  return (
    areaKindLabel(request.server.db, programme.areaKind, pageLanguage(request)) ??
    pageCatalogue(request).pages.overview.area
  );
}

function previewTable(request: FastifyRequest, plan: PlanPreview, areaHeading: string) {
  const words = wordsOf(request);
  const shared = sharedReasons(plan);
  return html`<h2 class="h3">${words.shared}</h2>
    <ul id="plan-rules">${shared.map((s) => html`<li>${s}</li>`)}</ul>
    <div class="table--responsive-scroll" tabindex="0" role="region" aria-label="${words.tableLabel}">
    <table class="table table--zebra" id="plan-preview"><caption class="sr-only">${words.tableCaption}</caption>
    <thead><tr><th scope="col">${areaHeading}</th><th scope="col">${words.date}</th><th scope="col">${words.time}</th><th scope="col">${words.host}</th><th scope="col">${words.facilitator}</th><th scope="col">${words.why}</th></tr></thead>
    <tbody>${plan.meetings.map(
      (
        m,
      ) => html`<tr><th scope="row">${m.area.name}${plan.settings.meetingsPerArea > 1 ? ` (${m.sequenceInCycle})` : ''}</th>
        <td>${dateText(m.startsAt)}</td><td>${m.localStartTime}–${m.localEndTime}</td><td>${m.host?.name ?? '–'}</td>
        <td>${m.facilitator?.name ?? words.noFacilitator}</td>
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
  const words = wordsOf(request);
  return sendPage(
    reply,
    page(pageContext(request), { title: words.title, section: 'plan', body, lang: pageLanguage(request) }),
    status,
  );
}

/** GET /planlaeg: the form, for the first year not yet planned. */
function planFormPage(app: FastifyInstance) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const words = wordsOf(request);
    const programme = pageProgramme(request).current;
    const planned = new Set(
      listCycles(app.db, scopeParam(request.actor))
        .filter((c) => c.areaKind === programme.areaKind)
        .map((c) => c.year),
    );
    let year = Number((request.query as { aar?: string }).aar) || new Date().getFullYear() + 1;
    while (planned.has(year)) year++;
    const body = html`<h1>${words.title}</h1>
      <p class="font-lead">${words.lead}</p>
      ${planned.size ? html`<p>${words.alreadyPlanned} ${[...planned].sort().map((y) => html`<a href="/aar/${y}">${y}</a> `)}</p>` : ''}
      ${planForm(request, defaultForm(year, programmeDefaults(request, programme)), {})}`;
    return planPage(request, reply, body);
  };
}

/** The proposal: shared reasons, the table, the save button and the form again to adjust. */
function proposalBody(
  request: FastifyRequest,
  form: PlanForm,
  plan: PlanPreview,
  input: { year: number; settings: PlanningSettings },
) {
  const words = wordsOf(request);
  const { year, settings } = input;
  return html`<h1>${words.proposalFor(year)}</h1>
    ${alert('info', words.proposed(plan.meetings.length), words.notSaved)}
    ${previewTable(request, plan, areaColumn(request, pageProgramme(request).current))}
    <form method="post" action="/planlaeg/gem" class="mt-5">${csrfField(pageContext(request))}
      <input type="hidden" name="year" value="${year}">
      <input type="hidden" name="settings" value="${JSON.stringify(settings)}">
      <button type="submit" class="button button-primary">${words.savePlan(year)}</button>
    </form>
    <h2 class="mt-8">${words.changeSettings}</h2>
    ${planForm(request, form, {})}`;
}

/** POST /planlaeg: a dry run of the plan, shown with its reasons; nothing is saved. */
function previewPage(app: FastifyInstance) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const words = wordsOf(request);
    const form = formOf(request.body as FormBody);
    const { year, settings, errors } = parsePlan(request, pageProgramme(request).current, form);
    if (!settings || year === undefined)
      return planPage(
        request,
        reply,
        html`<h1>${words.title}</h1>${alert('error', words.fixFields)}${planForm(request, form, errors)}`,
        400,
      );
    try {
      const plan = previewYear(app.db, { year, settings, dryRun: true });
      return planPage(request, reply, proposalBody(request, form, plan, { year, settings }));
    } catch (error) {
      if (!(error instanceof InfeasiblePlan)) throw error;
      return planPage(
        request,
        reply,
        html`<h1>${words.title}</h1>${unplacedList(error)}${planForm(request, form, {})}`,
        422,
      );
    }
  };
}

/** POST /planlaeg/gem: saves the previewed plan; a year planned twice or a plan without room is said in Danish. */
function savePlan(app: FastifyInstance) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const words = wordsOf(request);
    const body = request.body as FormBody;
    const year = Number(field(body, 'year'));
    let settings: PlanningSettings;
    try {
      settings = PlanningSettings.parse(JSON.parse(field(body, 'settings')));
    } catch {
      throw new WebRefusal(400, words.settingsMissing);
    }
    try {
      planYear(app.db, request.actor!, app.planning, { year, settings, dryRun: false });
    } catch (error) {
      if (error instanceof YearAlreadyPlanned)
        return planPage(
          request,
          reply,
          html`<h1>${words.title}</h1>${alert('warning', words.yearPlanned(year), html`${words.seeOverview} <a href="/aar/${year}">${words.overviewFor(year)}</a>${words.moveOrCancel}`)}`,
          409,
        );
      if (error instanceof InfeasiblePlan)
        return planPage(request, reply, html`<h1>${words.title}</h1>${unplacedList(error)}`, 422);
      throw error;
    }
    return reply.redirect(`/aar/${year}?besked=planlagt`, 303);
  };
}

export default async function planningPages(app: FastifyInstance) {
  const write = { config: { access: 'editor' as const } };
  app.get('/planlaeg', write, planFormPage(app));
  app.post('/planlaeg', write, previewPage(app));
  app.post('/planlaeg/gem', write, savePlan(app));
}
