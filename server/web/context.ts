import type { FastifyReply, FastifyRequest } from 'fastify';
import { csrfTokenFor, SESSION_COOKIE } from '../accounts/sessions.ts';
import { html, type SafeHtml } from '../text/html.ts';
import type { Language } from '../text/language.ts';
import { catalogueFor } from '../text/messages.ts';
import { alert } from './components.ts';
import { pageLanguage } from './language.ts';
import { type PageContext, page } from './layout.ts';
import { pageProgramme } from './programme.ts';
import { type PageRefusal, pageRefusal } from './refusals.ts';

export type FormBody = Record<string, string | string[] | undefined>;

/**
 * What every page needs from the request: who is signed in, the session's form token, and the
 * programme in view with the others the switcher offers.
 */
export function pageContext(request: FastifyRequest): PageContext {
  const session = request.cookies[SESSION_COOKIE];
  const { current, choices } = pageProgramme(request);
  return {
    actor: request.actor,
    csrf: session && request.actor ? csrfTokenFor(session) : '',
    programme: { key: current.key, name: current.name },
    programmes: choices.map(({ key, name }) => ({ key, name })),
    path: request.url.split('?')[0] ?? '/',
    lang: pageLanguage(request),
  };
}

export function sendPage(reply: FastifyReply, body: string, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(body);
}

/** One text value of a form field (the first, if the field was repeated). */
export function field(body: FormBody | undefined, name: string): string {
  const v = body?.[name];
  return (Array.isArray(v) ? v[0] : v)?.trim() ?? '';
}

export function fields(body: FormBody | undefined, name: string): string[] {
  const v = body?.[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Only paths on this site, so a crafted ?next= cannot send a user elsewhere after login. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/';
}

/** The error page of a refusal, in the words `pageRefusal` chose. */
export function errorPage(request: FastifyRequest, refusal: PageRefusal): string {
  return page(pageContext(request), {
    title: refusal.title,
    body: html`<h1>${refusal.title}</h1>${alert(
      refusal.status >= 500 ? 'error' : 'warning',
      refusal.text,
      refusal.items.length
        ? html`<ul>${refusal.items.map((item) => html`<li>${item}</li>`)}</ul>`
        : undefined,
    )}
      <p><a href="/">${catalogueFor(pageLanguage(request)).pages.frame.goHome}</a></p>`,
  });
}

/** Field errors of a form, by field name, in Danish. */
export type FormErrors = Record<string, string>;

/** The refusal a domain function raised, as a Danish sentence for the form (rethrown when it is not the user's). */
export function problemMessage(error: unknown): string {
  const refusal = pageRefusal(error);
  if (refusal.status >= 500) throw error;
  return refusal.text;
}

export function errorSummary(
  errors: FormErrors,
  labels: Record<string, string>,
  lang: Language = 'da',
): SafeHtml | '' {
  const entries = Object.entries(errors);
  if (!entries.length) return '';
  return html`<div class="alert alert-error" role="alert" tabindex="-1" id="fejl">
    <div class="alert-body"><p class="alert-heading">${catalogueFor(lang).pages.components.formErrors(entries.length)}</p>
    <ul class="alert-text nobullet-list">${entries.map(
      ([name, message]) =>
        html`<li><a href="#${name}" class="function-link">${labels[name] ?? name}: ${message}</a></li>`,
    )}</ul></div></div>`;
}
