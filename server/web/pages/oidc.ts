import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import { signInWithOidc } from '../../accounts/oidc.ts';
import {
  createSession,
  deleteExpiredSessions,
  SESSION_COOKIE,
  SESSION_HOURS,
} from '../../accounts/sessions.ts';
import type { Config } from '../../config.ts';
import { html } from '../../text/html.ts';
import { catalogueFor } from '../../text/messages.ts';
import { alert } from '../components.ts';
import { pageContext, safeNext, sendPage } from '../context.ts';
import { page } from '../layout.ts';

const FLOW_COOKIE = 'samraad_oidc';
const FLOW_MINUTES = 10;

/** An authorization request on its way to the provider and back (state, PKCE verifier, nonce). */
interface Flow {
  state: string;
  verifier: string;
  nonce: string;
  next: string;
  expires: number;
}

export const CALLBACK_PATH = '/login/oidc/callback';

async function discover(config: Config): Promise<client.Configuration> {
  const issuer = new URL(config.OIDC_ISSUER!);
  const loopback =
    issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
  // plain http only to a provider on this machine (tests, a local proxy); anything else must be https
  const options = loopback ? { execute: [client.allowInsecureRequests] } : undefined;
  return client.discovery(issuer, config.OIDC_CLIENT_ID!, config.OIDC_CLIENT_SECRET!, undefined, options);
}

/** The pages are Danish. */
const words = catalogueFor('da').pages.login;

function waitingPage(request: FastifyRequest, reply: FastifyReply, email: string) {
  const body = html`<div class="row"><div class="col-12 col-md-8 col-lg-6">
    <h1>${words.waitingTitle}</h1>
    ${alert('info', words.waitingHeading, words.waitingText(email))}
  </div></div>`;
  return sendPage(
    reply,
    page({ ...pageContext(request), actor: null }, { title: words.waitingTitle, body }),
    403,
  );
}

/** What both halves of the sign-in share: the provider (discovered once), the flows under way, the cookie. */
interface OidcContext {
  provider: () => Promise<client.Configuration>;
  flows: Map<string, Flow>;
  redirectUri: string;
  cookieOptions: { httpOnly: boolean; sameSite: 'lax'; secure: boolean; path: string };
}

function oidcContext(config: Config): OidcContext {
  let discovered: Promise<client.Configuration> | null = null;
  return {
    provider: () => {
      discovered ??= discover(config).catch((err) => {
        discovered = null; // try again on the next sign-in rather than remembering a failure
        throw err;
      });
      return discovered;
    },
    flows: new Map(),
    redirectUri: new URL(CALLBACK_PATH, config.PUBLIC_URL).href,
    cookieOptions: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.PUBLIC_URL.startsWith('https:'),
      path: '/',
    },
  };
}

/** GET /login/oidc: a new flow (state, PKCE verifier, nonce), then off to the provider. */
function startSignIn(oidc: OidcContext) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const now = Date.now();
    for (const [id, flow] of oidc.flows) if (flow.expires < now) oidc.flows.delete(id);
    const flow: Flow = {
      state: client.randomState(),
      verifier: client.randomPKCECodeVerifier(),
      nonce: client.randomNonce(),
      next: safeNext((request.query as { next?: string }).next),
      expires: now + FLOW_MINUTES * 60_000,
    };
    const id = randomBytes(24).toString('base64url');
    oidc.flows.set(id, flow);
    reply.setCookie(FLOW_COOKIE, id, { ...oidc.cookieOptions, maxAge: FLOW_MINUTES * 60 });
    const url = client.buildAuthorizationUrl(await oidc.provider(), {
      redirect_uri: oidc.redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    return reply.redirect(url.href, 303);
  };
}

/** The signed-in user's claims: from the ID token, or the userinfo endpoint when it keeps the e-mail out. */
async function claimsOf(
  issuer: client.Configuration,
  callbackUrl: URL,
  flow: Flow,
): Promise<Record<string, unknown> & { sub: string }> {
  const tokens = await client.authorizationCodeGrant(issuer, callbackUrl, {
    pkceCodeVerifier: flow.verifier,
    expectedState: flow.state,
    expectedNonce: flow.nonce,
  });
  const idToken = tokens.claims();
  if (!idToken) throw new Error('no ID token');
  return typeof idToken.email === 'string'
    ? idToken
    : { ...(await client.fetchUserInfo(issuer, tokens.access_token, idToken.sub)), sub: idToken.sub };
}

/** The provider's answer: a session for a known, verified e-mail; otherwise back to the login page. */
function finishSignIn(app: FastifyInstance, oidc: OidcContext) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const id = request.cookies[FLOW_COOKIE] ?? '';
    const flow = oidc.flows.get(id);
    oidc.flows.delete(id);
    reply.clearCookie(FLOW_COOKIE, { path: '/' });
    if (!flow || flow.expires < Date.now()) return reply.redirect('/login?oidc=expired', 303);
    const issuer = await oidc.provider();
    let claims: Record<string, unknown> & { sub: string };
    try {
      claims = await claimsOf(issuer, new URL(request.url, app.config.PUBLIC_URL), flow);
    } catch (err) {
      request.log.warn({ err: (err as Error).message }, 'OpenID Connect sign-in failed');
      return reply.redirect('/login?oidc=failed', 303);
    }
    const email = typeof claims.email === 'string' ? claims.email : '';
    if (!email || claims.email_verified === false) {
      request.log.warn({ sub: claims.sub }, 'OpenID Connect sign-in without a verified e-mail');
      return reply.redirect('/login?oidc=failed', 303);
    }
    const result = signInWithOidc(app.db, {
      issuer: issuer.serverMetadata().issuer,
      subject: claims.sub,
      email,
      name: typeof claims.name === 'string' ? claims.name : null,
    });
    if (result.kind === 'waiting') {
      request.log.info({ email }, 'OpenID Connect sign-in waits for a role');
      return waitingPage(request, reply, result.email);
    }
    deleteExpiredSessions(app.db);
    const token = createSession(app.db, result.actor.id!);
    reply.setCookie(SESSION_COOKIE, token, { ...oidc.cookieOptions, maxAge: SESSION_HOURS * 3600 });
    return reply.redirect(flow.next, 303);
  };
}

/**
 * Sign-in through the organisation's OpenID Connect provider: the authorization code flow with
 * PKCE (S256), state and nonce, through openid-client. Registered only when OIDC_ISSUER is set.
 */
export default async function oidcPages(app: FastifyInstance) {
  const oidc = oidcContext(app.config);
  app.get('/login/oidc', { config: { access: 'public' } }, startSignIn(oidc));
  app.get(CALLBACK_PATH, { config: { access: 'public' } }, finishSignIn(app, oidc));
}
