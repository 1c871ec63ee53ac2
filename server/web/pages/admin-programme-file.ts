import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ProgrammeLoadReport } from '../../programmes/file-schemas.ts';
import { loadProgrammeFile } from '../../programmes/load.ts';
import { ProgrammeFileRefusal } from '../../programmes/refusals.ts';
import { html } from '../../text/html.ts';
import { catalogueFor } from '../../text/messages.ts';
import { alert, textArea } from '../components.ts';
import { type FormBody, field, pageContext, sendPage } from '../context.ts';
import { csrfField, page } from '../layout.ts';
import { pageRefusal } from '../refusals.ts';

/** The pages are Danish. */
const words = catalogueFor('da').pages.programmeFile;
const programmesTitle = catalogueFor('da').pages.admin.programmesTitle;

type Outcome =
  | { report: ProgrammeLoadReport }
  | { problem: { heading: string; text: string; items: string[] } };

function fileForm(request: FastifyRequest, content: string) {
  return html`<form method="post" action="/admin/programmer/indlaes">${csrfField(pageContext(request))}
      <div class="form-group" hidden>
        <label class="form-label" for="programfil">${words.file}</label>
        <input type="file" id="programfil" accept=".json,application/json" data-fills="indhold" hidden>
      </div>
      ${textArea({ id: 'indhold', label: words.content, hint: words.hint, value: content, rows: 14, classes: 'input-width-xl' })}
      <button type="submit" class="button button-primary">${words.load}</button>
    </form>`;
}

function outcomeNotice(outcome: Outcome | undefined) {
  if (!outcome) return '';
  if ('problem' in outcome) {
    const { heading, text, items } = outcome.problem;
    const list = items.length
      ? html`<p>${words.fieldsHeading}</p><ul>${items.map((i) => html`<li><code>${i}</code></li>`)}</ul>`
      : '';
    return alert('error', heading, html`<p>${text}</p>${list}`);
  }
  const { programme, created, reused } = outcome.report;
  return alert(
    'success',
    words.loaded(programme.name, created.organisations + reused.organisations, created.areas, created.people),
    html`<p><a href="/admin/programmer/${programme.key}">${words.openSettings}</a> ·
      <a href="/planlaeg?programme=${programme.key}">${words.planIt}</a></p>`,
  );
}

function filePage(
  request: FastifyRequest,
  reply: FastifyReply,
  content: string,
  outcome?: Outcome,
  status = 200,
) {
  const body = html`<h1>${words.title}</h1>
    <p class="font-lead">${words.lead}</p>
    ${outcomeNotice(outcome)}
    ${outcome && 'report' in outcome ? '' : fileForm(request, content)}`;
  return sendPage(
    reply,
    page(pageContext(request), {
      title: words.title,
      section: 'admin',
      body,
      breadcrumbs: [{ href: '/admin/programmer', text: programmesTitle }],
    }),
    status,
  );
}

/** POST: the pasted or chosen file, loaded as the API and the command line load it; refusals in Danish. */
function loadHandler(app: FastifyInstance) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const content = field(request.body as FormBody, 'indhold');
    let input: unknown;
    try {
      input = JSON.parse(content);
    } catch {
      const problem = { heading: words.notLoaded, text: words.notJson, items: [] };
      return filePage(request, reply, content, { problem }, 400);
    }
    try {
      const report = loadProgrammeFile(app.db, request.actor!, input);
      return filePage(request, reply, '', { report });
    } catch (error) {
      if (!(error instanceof ProgrammeFileRefusal)) throw error;
      const refusal = pageRefusal(error);
      const problem = { heading: words.notLoaded, text: refusal.text, items: refusal.items };
      return filePage(request, reply, content, { problem }, error.status);
    }
  };
}

/** Loading a programme file, for admins: one page with the file chosen or pasted, and what came of it. */
export default async function adminProgrammeFilePages(app: FastifyInstance) {
  const admin = { config: { access: 'admin' as const } };
  app.get('/admin/programmer/indlaes', admin, async (request, reply) => filePage(request, reply, ''));
  app.post('/admin/programmer/indlaes', admin, loadHandler(app));
}
