import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from '../../http/problems.ts';
import { danishTextRefusal, TEXT_HYGIENE } from '../../http/text.ts';
import { type ImportReport, importPeople } from '../../register/people-import.ts';
import { html } from '../../text/html.ts';
import { alert, badge, textArea } from '../components.ts';
import { type FormBody, field, pageContext, sendPage } from '../context.ts';
import { csrfField, type PageContext, page } from '../layout.ts';

const OUTCOME: Record<string, [string, 'success' | 'info' | '']> = {
  create: ['Oprettes', 'success'],
  update: ['Opdateres', 'info'],
  unchanged: ['Uændret', ''],
};
const FIELD_NAMES: Record<string, string> = {
  name: 'navn',
  email: 'e-mail',
  phone: 'telefon',
  title: 'stilling',
  organisation: 'organisation',
  organisationId: 'organisation',
  roles: 'roller',
  fixedContact: 'fast kontaktperson',
  language: 'sprog',
};

/** The import's reasons are written for the API; the page says them in Danish where it knows them. */
const REASONS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^no single organisation matches "(.*)"$/, (m) => `ingen entydig organisation hedder »${m[1]}«`],
  [/^organisation is empty$/, () => 'organisationen mangler'],
  [/^unknown role "(.*)"$/, (m) => `ukendt rolle »${m[1]}«`],
  [/^"(.*)" is not ja\/nej$/, (m) => `»${m[1]}« er hverken ja eller nej`],
  [/^the same email as line (\d+)$/, (m) => `samme e-mail som linje ${m[1]}`],
  [/^The column "(.*)" is missing/, (m) => `kolonnen »${FIELD_NAMES[m[1]!] ?? m[1]}« mangler`],
  [/^The file is not readable CSV/, () => 'filen kan ikke læses som CSV'],
  [/^The file has no data rows$/, () => 'filen har ingen rækker'],
  [
    /^contains (the control character|broken Unicode)/,
    () => danishTextRefusal({ code: 'custom', params: { kind: TEXT_HYGIENE } })!,
  ],
  [/email/i, () => 'ugyldig e-mailadresse'],
];

function danishReason(reason: string): string {
  for (const [pattern, say] of REASONS) {
    const m = pattern.exec(reason);
    if (m) return say(m);
  }
  return reason;
}

const EXAMPLE =
  'navn;email;organisation;roller;telefon\nAnne Jensen;anne@kommune.dk;Aarhus;Teamleder;+45 12345678';

/** One table row per CSV line: what the import does with it, or why it cannot. */
function reportTable(report: ImportReport, csv: string) {
  const fileLines = csv.split(/\r?\n/);
  const lines = new Map<
    number,
    { outcome?: ImportReport['outcomes'][number]; errors: ImportReport['errors'] }
  >();
  for (const o of report.outcomes) lines.set(o.line, { outcome: o, errors: [] });
  for (const e of report.errors) {
    const entry = lines.get(e.line) ?? { errors: [] };
    entry.errors.push(e);
    lines.set(e.line, entry);
  }
  const ordered = [...lines.entries()].sort(([a], [b]) => a - b);
  return html`<div class="table--responsive-scroll" tabindex="0" role="region" aria-label="Forhåndsvisning">
    <table class="table" id="import-preview"><caption class="sr-only">Hver linje i filen og hvad importen gør med den</caption>
    <thead><tr><th scope="col">Linje</th><th scope="col">Navn</th><th scope="col">E-mail</th><th scope="col">Organisation</th><th scope="col">Roller</th><th scope="col">Resultat</th></tr></thead>
    <tbody>${ordered.map(([line, { outcome, errors }]) =>
      errors.length
        ? html`<tr class="import-row-error" data-line="${line}"><td>${line}</td><td colspan="4"><code>${fileLines[line - 1] ?? ''}</code></td>
            <td>${badge('error', 'Fejl')}<ul class="mb-0">${errors.map((e) => html`<li>${e.field ? `${FIELD_NAMES[e.field] ?? e.field}: ` : ''}${danishReason(e.reason)}</li>`)}</ul></td></tr>`
        : html`<tr data-line="${line}"><td>${line}</td><td>${outcome!.name}</td><td>${outcome!.email}</td>
            <td>${outcome!.organisation.name}</td><td>${outcome!.roles.map((r) => r.name).join(', ') || '–'}</td>
            <td>${badge(OUTCOME[outcome!.outcome]![1], OUTCOME[outcome!.outcome]![0])}</td></tr>`,
    )}</tbody></table></div>`;
}

/** What a dry run found: the problems or the counts, each line, and the button to save. */
function previewSection(ctx: PageContext, r: ImportReport, csv: string) {
  const canSave = r.errors.length === 0 && r.outcomes.length > 0;
  return html`<section aria-labelledby="preview-heading">
        <h2 id="preview-heading" tabindex="-1">Forhåndsvisning</h2>
        ${
          r.errors.length
            ? alert(
                'warning',
                `${r.errors.length} ${r.errors.length === 1 ? 'fejl' : 'fejl'} – ret filen, og vis forhåndsvisningen igen`,
                'Intet gemmes, før alle linjer er i orden.',
              )
            : alert(
                'info',
                `${r.created} oprettes, ${r.updated} opdateres, ${r.unchanged} er uændrede`,
                'Intet er gemt endnu.',
              )
        }
        ${reportTable(r, csv)}
        ${
          canSave
            ? html`<form method="post" action="/personer/import/gem" class="mt-5">${csrfField(ctx)}
            <input type="hidden" name="csv" value="${csv}">
            <button type="submit" class="button button-primary">Gem ${r.outcomes.length} ${r.outcomes.length === 1 ? 'person' : 'personer'}</button></form>`
            : ''
        }</section>`;
}

function importPage(
  request: FastifyRequest,
  reply: FastifyReply,
  o: { csv: string; report?: ImportReport; problem?: string },
  status = 200,
) {
  const ctx = pageContext(request);
  const r = o.report;
  const body = html`<h1>Importér personer fra CSV</h1>
    <p>Første linje er overskrifter: <strong>navn</strong>, <strong>email</strong> og <strong>organisation</strong> (navn eller kommunekode) skal være der;
      <strong>roller</strong>, telefon, stilling, fast kontaktperson (ja/nej) og sprog (da/en) kan være der. Semikolon eller komma.
      Personer genkendes på e-mail: findes de, opdateres de.</p>
    ${o.problem ? alert('error', 'Intet blev importeret', o.problem) : ''}
    ${r ? previewSection(ctx, r, o.csv) : ''}
    <h2 class="mt-8">${r ? 'Ret filen' : 'Vælg fil'}</h2>
    <form method="post" action="/personer/import">${csrfField(ctx)}
      <div class="form-group" hidden>
        <label class="form-label" for="csvfile">CSV-fil</label>
        <input type="file" id="csvfile" accept=".csv,text/csv,text/plain" data-fills="csv" hidden>
      </div>
      ${textArea({
        id: 'csv',
        label: 'Indhold (indsæt teksten fra filen)',
        classes: 'input-width-xl',
        value: o.csv,
        rows: 10,
        hint: `Eksempel: ${EXAMPLE}`,
      })}
      <button type="submit" class="button button-secondary">Vis forhåndsvisning</button>
    </form>`;
  return sendPage(
    reply,
    page(ctx, {
      title: r ? 'Forhåndsvisning af import' : 'Importér personer',
      section: 'people',
      body,
      breadcrumbs: [{ href: '/personer', text: 'Personer' }],
    }),
    status,
  );
}

export async function importPages(app: FastifyInstance) {
  const write = { config: { access: 'editor' as const } };
  app.get('/personer/import', write, async (request, reply) => importPage(request, reply, { csv: '' }));

  app.post('/personer/import', write, async (request, reply) => {
    const csv = field(request.body as FormBody, 'csv');
    const report = importPeople(app.db, request.actor!, csv, true);
    return importPage(request, reply, { csv, report });
  });

  app.post('/personer/import/gem', write, async (request, reply) => {
    const csv = field(request.body as FormBody, 'csv');
    try {
      importPeople(app.db, request.actor!, csv, false);
    } catch (error) {
      if (!(error instanceof HttpProblem) || error.status >= 500) throw error;
      const report = importPeople(app.db, request.actor!, csv, true);
      return importPage(
        request,
        reply,
        { csv, report, problem: 'Filen har fejl; ret dem, og prøv igen.' },
        422,
      );
    }
    return reply.redirect('/personer?besked=importeret', 303);
  });
}
