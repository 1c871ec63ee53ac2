import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type Actor, apiTokenVerifier } from '../accounts/accounts.ts';
import { SESSION_COOKIE, sessionActor } from '../accounts/sessions.ts';
import { HttpProblem, MissingRole } from '../http/problems.ts';

/**
 * Who may call a route. public: anyone; authenticated: any account (personal data is behind this);
 * editor: facilitator or admin (every write); admin: admins only.
 */
export type Access = 'public' | 'authenticated' | 'editor' | 'admin';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /**
     * When the request was authenticated (performance.now()): what it reads needs other processes'
     * commits only up to then (freshSince). +Infinity until then.
     */
    receivedAt: number;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

const unauthorized = () =>
  new HttpProblem(401, 'Unauthorized', 'Sign in, or send an API token as "Authorization: Bearer <token>"');

/** API routes default to: reads need an account, writes need a facilitator; routes name the exceptions. */
function accessOf(request: FastifyRequest): Access {
  const declared = request.routeOptions.config.access;
  if (declared) return declared;
  if (!request.routeOptions.url?.startsWith('/api')) return 'public';
  return request.method === 'GET' || request.method === 'HEAD' ? 'authenticated' : 'editor';
}

export function assertAccess(actor: Actor | null, access: Access): void {
  if (access === 'public') return;
  if (!actor) throw unauthorized();
  if (access === 'editor' && actor.role === 'viewer') throw new MissingRole('editor');
  if (access === 'admin' && actor.role !== 'admin') throw new MissingRole('admin');
}

export default fp(
  async function authentication(app: FastifyInstance) {
    const verifyToken = apiTokenVerifier(app.db);
    app.decorateRequest('actor', null);
    app.decorateRequest('receivedAt', Number.POSITIVE_INFINITY);
    // a callback, not an async hook: every request passes here and the check is synchronous (a
    // throw is the request's error either way); an async hook costs a promise and a microtask turn
    app.addHook('onRequest', (request, _reply, done) => {
      request.receivedAt = performance.now();
      const header = request.headers.authorization;
      if (header) {
        const [scheme, token] = header.split(' ');
        if (scheme?.toLowerCase() !== 'bearer' || !token) throw unauthorized();
        request.actor = verifyToken(token);
        if (!request.actor) throw new HttpProblem(401, 'Unauthorized', 'The API token is unknown or revoked');
      } else if (!request.url.startsWith('/api')) {
        // The session cookie signs in the web pages only; the API keeps to Bearer tokens (no CSRF there).
        const session = request.cookies?.[SESSION_COOKIE];
        if (session) request.actor = sessionActor(app.db, session);
      }
      assertAccess(request.actor, accessOf(request));
      done();
    });
  },
  { name: 'authentication', dependencies: ['database'] },
);
