import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from '../../http/problems.ts';
import { danishTextRefusal, TEXT_HYGIENE } from '../../http/text.ts';
import { type ImportReport, importPeople } from '../../register/people-import.ts';
import { html } from '../../text/html.ts';
import { alert, badge, textArea } from '../components.ts';
import { type FormBody, field, pageContext, sendPage } from '../context.ts';
import { pageCatalogue, pageLanguage } from '../language.ts';
import { csrfField, type PageContext, page } from '../layout.ts';

type Words = ReturnType<typeof pageCatalogue>['pages']['peopleImport'];

const OUTCOME_BADGE: Record<string, 'success' | 'info' | ''> = {
  create: 'success',
  update: 'info',
  unchanged: '',
};

/** The import's reasons are written for the API; the page says them in its catalogue's words where it knows them. */
const reasonsIn = ({ reasons, fieldNames }: Words): [RegExp, (m: RegExpExecArray) => string][] => [
  [/^no single organisation matches "(.*)"$/, (m) => reasons.noOrganisation(m[1]!)],
  [/^organisation is empty$/, () => reasons.organisationEmpty],
  [/^unknown role "(.*)"$/, (m) => reasons.unknownRole(m[1]!)],
  [/^"(.*)" is not ja\/nej$/, (m) => reasons.notYesNo(m[1]!)],
  [/^the same email as line (\d+)$/, (m) => reasons.sameEmail(m[1]!)],
  [/^The column "(.*)" is missing/, (m) => reasons.columnMissing(fieldNames[m[1]!] ?? m[1]!)],
  [/^The file is not readable CSV/, () => reasons.notCsv],
  [/^The file has no data rows$/, () => reasons.noRows],
  [
    /^contains (the control character|broken Unicode)/,
    () => danishTextRefusal({ code: 'custom', params: { kind: TEXT_HYGIENE } })!,
  ],
  [/^the email is a contact your account cannot change$/, () => reasons.notYours],
  [/email/i, () => reasons.badEmail],
];

function reasonText(reason: string, words: Words): string {
  for (const [pattern, say] of reasonsIn(words)) {
    const m = pattern.exec(reason);
    if (m) return say(m);
  }
  return reason;
}

/** `**word**` in a catalogue text is shown in bold. */
function withBold(text: string) {
  return text.split('**').map((part, i) => (i % 2 ? html`<strong>${part}</strong>` : part));
}

/** One table row per CSV line: what the import does with it, or why it cannot. */
function reportTable(report: ImportReport, csv: string, words: Words) {
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
  return html`<div class="table--responsive-scroll" tabindex="0" role="region" aria-label="${words.preview}">
    <table class="table" id="import-preview"><caption class="sr-only">${words.tableCaption}</caption>
    <thead><tr><th scope="col">${words.line}</th><th scope="col">${words.name}</th><th scope="col">${words.email}</th><th scope="col">${words.organisation}</th><th scope="col">${words.roles}</th><th scope="col">${words.result}</th></tr></thead>
    <tbody>${ordered.map(([line, { outcome, errors }]) =>
      errors.length
        ? html`<tr class="import-row-error" data-line="${line}"><td>${line}</td><td colspan="4"><code>${fileLines[line - 1] ?? ''}</code></td>
            <td>${badge('error', words.error)}<ul class="mb-0">${errors.map((e) => html`<li>${e.field ? `${words.fieldNames[e.field] ?? e.field}: ` : ''}${reasonText(e.reason, words)}</li>`)}</ul></td></tr>`
        : html`<tr data-line="${line}"><td>${line}</td><td>${outcome!.name}</td><td>${outcome!.email}</td>
            <td>${outcome!.organisation.name}</td><td>${outcome!.roles.map((r) => r.name).join(', ') || '–'}</td>
            <td>${badge(OUTCOME_BADGE[outcome!.outcome] ?? '', words.outcome[outcome!.outcome] ?? outcome!.outcome)}</td></tr>`,
    )}</tbody></table></div>`;
}

/** What a dry run found: the problems or the counts, each line, and the button to save. */
function previewSection(ctx: PageContext, r: ImportReport, csv: string, words: Words) {
  const canSave = r.errors.length === 0 && r.outcomes.length > 0;
  return html`<section aria-labelledby="preview-heading">
        <h2 id="preview-heading" tabindex="-1">${words.preview}</h2>
        ${
          r.errors.length
            ? alert('warning', words.errorsFound(r.errors.length), words.nothingSavedUntilValid)
            : alert('info', words.counts(r.created, r.updated, r.unchanged), words.nothingSavedYet)
        }
        ${reportTable(r, csv, words)}
        ${
          canSave
            ? html`<form method="post" action="/personer/import/gem" class="mt-5">${csrfField(ctx)}
            <input type="hidden" name="csv" value="${csv}">
            <button type="submit" class="button button-primary">${words.save(r.outcomes.length)}</button></form>`
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
  const words = pageCatalogue(request).pages.peopleImport;
  const r = o.report;
  const body = html`<h1>${words.heading}</h1>
    <p>${withBold(words.intro)}</p>
    ${o.problem ? alert('error', words.nothingImported, o.problem) : ''}
    ${r ? previewSection(ctx, r, o.csv, words) : ''}
    <h2 class="mt-8">${r ? words.fixFile : words.chooseFile}</h2>
    <form method="post" action="/personer/import">${csrfField(ctx)}
      <div class="form-group" hidden>
        <label class="form-label" for="csvfile">${words.csvFile}</label>
        <input type="file" id="csvfile" accept=".csv,text/csv,text/plain" data-fills="csv" hidden>
      </div>
      ${textArea({
        id: 'csv',
        label: words.content,
        classes: 'input-width-xl',
        value: o.csv,
        rows: 10,
        hint: words.exampleHint(words.example),
      })}
      <button type="submit" class="button button-secondary">${words.showPreview}</button>
    </form>`;
  return sendPage(
    reply,
    page(ctx, {
      title: r ? words.previewTitle : words.title,
      section: 'people',
      body,
      breadcrumbs: [{ href: '/personer', text: words.people }],
      lang: pageLanguage(request),
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
        { csv, report, problem: pageCatalogue(request).pages.peopleImport.fileHasErrors },
        422,
      );
    }
    return reply.redirect('/personer?besked=importeret', 303);
  });
}
