import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AccountLanguage, accountLanguage, setAccountLanguage } from '../../accounts/accounts.ts';
import { listLanguages } from '../../programmes/catalogues.ts';
import { html } from '../../text/html.ts';
import { textLanguages } from '../../text/language.ts';
import { alert } from '../components.ts';
import { type FormBody, field, pageContext, sendPage } from '../context.ts';
import { pageCatalogue, pageLanguage } from '../language.ts';
import { csrfField, page } from '../layout.ts';

/** The language choices: the programme's, or one of the languages the pages are written in, by its own name. */
function languageOptions(request: FastifyRequest, chosen: string) {
  const words = pageCatalogue(request).pages.account;
  const names = new Map(listLanguages(request.server.db).map((l) => [l.code, l.name]));
  const option = (value: string, text: string, lang?: string) =>
    html`<option value="${value}"${lang ? html` lang="${lang}"` : ''}${value === chosen ? ' selected' : ''}>${text}</option>`;
  return html`${option('', words.programmeLanguage)}${textLanguages.map((code) => option(code, names.get(code) ?? code, code))}`;
}

function accountPage(
  request: FastifyRequest,
  reply: FastifyReply,
  o: { saved?: boolean; error?: string; status?: number },
) {
  const words = pageCatalogue(request).pages.account;
  const actor = request.actor!;
  const chosen = actor.id ? (accountLanguage(request.server.db, actor.id) ?? '') : '';
  const body = html`<h1>${words.title}</h1>
    <p class="font-lead">${words.lead}</p>
    <dl><dt>${words.email}</dt><dd>${actor.email}</dd><dt>${words.role}</dt><dd>${words.roles[actor.role]}</dd></dl>
    <form method="post" action="/konto" novalidate>${csrfField(pageContext(request))}
      <div class="form-group${o.error ? ' form-error' : ''}">
        <label class="form-label" for="language">${words.language}</label>
        <span class="form-hint" id="language-hint">${words.languageHint}</span>
        ${o.error ? html`<span class="form-error-message" id="language-error">${o.error}</span>` : ''}
        <select class="form-select" id="language" name="language" aria-describedby="language-hint${o.error ? ' language-error' : ''}">${languageOptions(request, chosen)}</select>
      </div>
      <button type="submit" class="button button-primary">${words.save}</button>
    </form>`;
  return sendPage(
    reply,
    page(pageContext(request), {
      title: words.title,
      body,
      notice: o.saved ? alert('success', words.saved) : undefined,
      lang: pageLanguage(request),
    }),
    o.status,
  );
}

/** "Min konto": the signed-in account chooses the language of its pages. */
export default async function accountPages(app: FastifyInstance) {
  const signedIn = { config: { access: 'authenticated' as const } };
  app.get('/konto', signedIn, async (request, reply) =>
    accountPage(request, reply, { saved: (request.query as { besked?: string }).besked === 'gemt' }),
  );
  // any signed-in account, a viewer too, may choose its own language: it changes nothing but its pages
  app.post('/konto', signedIn, async (request, reply) => {
    const language = field(request.body as FormBody, 'language');
    const parsed = AccountLanguage.safeParse({ language: language || null });
    if (!parsed.success)
      return accountPage(request, reply, {
        error: pageCatalogue(request).pages.account.badLanguage,
        status: 400,
      });
    setAccountLanguage(app.db, request.actor!, parsed.data);
    return reply.redirect('/konto?besked=gemt', 303);
  });
}
