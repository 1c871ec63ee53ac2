import type { FastifyInstance, RouteHandlerMethod } from 'fastify';
import type { Actor } from '../../accounts/accounts.ts';
import { notFound } from '../../http/problems.ts';
import { erasePerson } from '../../privacy/erase.ts';
import { findPerson } from '../../register/people.ts';
import type { Person } from '../../register/schemas.ts';
import type { Catalogue } from '../../text/catalogue.ts';
import { html, type SafeHtml } from '../../text/html.ts';
import { alert, checkbox } from '../components.ts';
import { type FormBody, field, pageContext, sendPage } from '../context.ts';
import { pageCatalogue, pageLanguage } from '../language.ts';
import { csrfField, type PageContext, page } from '../layout.ts';

/** The admin's part of a person's page: erase (anonymise) the person, after a confirmation. */
export function erasureSection(
  actor: Actor | null,
  person: Person,
  ctx: PageContext,
  { pages: { erasure: words } }: Catalogue,
  error?: string,
): SafeHtml {
  if (actor?.role !== 'admin') return html``;
  return html`<h2 class="mt-8" id="slet-oplysninger">${words.heading}</h2>
    <p>${words.explanation}</p>
    ${error ? alert('error', error) : ''}
    <form method="post" action="/personer/${person.id}/slet-oplysninger">${csrfField(ctx)}
      ${checkbox({ id: 'bekraeft-sletning', name: 'confirm', label: words.confirmLabel(person.name), checked: false })}
      <button type="submit" class="button button-warning" data-confirm="${words.confirmQuestion(person.name)}">${words.button}</button>
    </form>`;
}

/** POST /personer/:id/slet-oplysninger: erases once the box is ticked, else asks again */
function erasePersonPage(app: FastifyInstance): RouteHandlerMethod {
  return async (request, reply) => {
    const id = Number((request.params as { id: string }).id);
    const person = Number.isInteger(id) ? findPerson(app.db, id) : null;
    if (!person) throw notFound('Person', (request.params as { id: string }).id);
    if (field(request.body as FormBody, 'confirm') === 'ja') {
      erasePerson(app.db, request.actor!, id, app.config.MAIL_DIR);
      return reply.redirect(`/personer/${id}?besked=anonymiseret`, 303);
    }
    const ctx = pageContext(request);
    const text = pageCatalogue(request);
    const words = text.pages.erasure;
    return sendPage(
      reply,
      page(ctx, {
        title: words.pageTitle(person.name),
        section: 'people',
        lang: pageLanguage(request),
        body: html`<h1>${person.name}</h1>${erasureSection(request.actor, person, ctx, text, words.confirmMissing)}`,
        breadcrumbs: [
          { href: '/personer', text: text.pages.people.title },
          { href: `/personer/${id}`, text: person.name },
        ],
      }),
      400,
    );
  };
}

export async function erasurePages(app: FastifyInstance) {
  app.post('/personer/:id/slet-oplysninger', { config: { access: 'admin' as const } }, erasePersonPage(app));
}
