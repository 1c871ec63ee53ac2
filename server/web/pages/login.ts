import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticateWithPassword } from '../../accounts/accounts.ts';
import {
  createSession,
  csrfTokenMatches,
  deleteExpiredSessions,
  endSession,
  newLoginNonce,
  SESSION_COOKIE,
  SESSION_HOURS,
} from '../../accounts/sessions.ts';
import { WebRefusal } from '../../http/problems.ts';
import { html } from '../../text/html.ts';
import { catalogueFor } from '../../text/messages.ts';
import { alert, textField } from '../components.ts';
import { type FormBody, field, pageContext, safeNext, sendPage } from '../context.ts';
import { page } from '../layout.ts';

const LOGIN_COOKIE = 'samraad_login';

/** The pages are Danish. */
const words = catalogueFor('da').pages.login;

function cookieOptions(app: FastifyInstance) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: app.config.PUBLIC_URL.startsWith('https:'),
    path: '/',
  };
}

function loginPage(
  request: FastifyRequest,
  reply: FastifyReply,
  o: { next: string; email?: string; failed?: boolean; oidcFailed?: boolean },
  status = 200,
) {
  // The login form has no session yet, so it carries a double-submit value instead of a session token.
  const nonce = newLoginNonce();
  reply.setCookie(LOGIN_COOKIE, nonce, {
    ...cookieOptions(request.server),
    sameSite: 'strict',
    maxAge: 3600,
  });
  const config = request.server.config;
  const passwords = config.PASSWORD_LOGIN === 'on';
  const organisation = config.OIDC_ISSUER
    ? html`<p><a class="button button-${passwords ? 'secondary' : 'primary'}" href="/login/oidc?next=${encodeURIComponent(o.next)}">${words.withOrganisation}</a></p>`
    : '';
  const body = html`<div class="row"><div class="col-12 col-md-8 col-lg-6">
    <h1>${words.title}</h1>
    <p class="font-lead">${words.lead}</p>
    ${o.failed ? alert('error', words.failed, words.failedHint) : ''}
    ${o.oidcFailed ? alert('error', words.oidcFailed, words.oidcFailedHint) : ''}
    ${organisation}
    ${passwords ? passwordForm(nonce, o) : ''}
  </div></div>`;
  return sendPage(
    reply,
    page({ ...pageContext(request), actor: null }, { title: words.title, body }),
    status,
  );
}

function passwordForm(nonce: string, o: { next: string; email?: string }) {
  return html`<form method="post" action="/login" novalidate>
      <input type="hidden" name="_csrf" value="${nonce}">
      <input type="hidden" name="next" value="${o.next}">
      ${textField({ id: 'email', label: words.email, type: 'email', value: o.email ?? '', autocomplete: 'username' })}
      ${textField({ id: 'password', label: words.password, type: 'password', autocomplete: 'current-password' })}
      <button type="submit" class="button button-primary">${words.submit}</button>
    </form>
    <p class="mt-5 small-text">${words.passwordSetBy} <code>npm run cli -- user:password</code>.</p>`;
}

export default async function loginPages(app: FastifyInstance) {
  app.get('/login', async (request, reply) => {
    const next = safeNext((request.query as { next?: string }).next);
    if (request.actor) return reply.redirect(next, 303);
    const oidcFailed = ['failed', 'expired'].includes(String((request.query as { oidc?: string }).oidc));
    return loginPage(request, reply, { next, oidcFailed });
  });

  app.post(
    '/login',
    { config: { csrf: false, rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) => {
      if (app.config.PASSWORD_LOGIN === 'off') throw new WebRefusal(403, words.useOrganisation);
      const body = request.body as FormBody | undefined;
      if (
        !csrfTokenMatches(request.cookies[LOGIN_COOKIE] ?? '', field(body, '_csrf')) ||
        !field(body, '_csrf')
      )
        throw new WebRefusal(403, words.formExpired);
      const email = field(body, 'email');
      const next = safeNext(field(body, 'next'));
      const actor = await authenticateWithPassword(app.db, email, field(body, 'password'));
      if (!actor?.id) {
        request.log.info({ email }, 'login failed');
        return loginPage(request, reply, { next, email, failed: true }, 401);
      }
      deleteExpiredSessions(app.db); // housekeeping rides on logins: cheap, and no timer to manage
      const token = createSession(app.db, actor.id);
      reply.clearCookie(LOGIN_COOKIE, { path: '/' });
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(app), maxAge: SESSION_HOURS * 3600 });
      return reply.redirect(next, 303);
    },
  );

  app.post('/logout', { config: { access: 'public' } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) endSession(app.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/login', 303);
  });

  app.get('/', { config: { access: 'authenticated' } }, async (_request, reply) =>
    reply.redirect(`/aar/${new Date().getFullYear()}`, 303),
  );
}
