import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { freshSince } from '../../db/statements.ts';
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
     * When the requests handled with this one began to be handled (performance.now(), see
     * turnStartedAt): what it reads needs other processes' commits only up to then (freshSince).
     * +Infinity until it is authenticated.
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

let startedAt: number | undefined;
const endTurn = () => {
  startedAt = undefined;
};

/**
 * When the requests being handled together began: the first of them to be authenticated in this
 * turn of the event loop. They were all read from their sockets by then (a turn reads the sockets
 * ready at its start), so a commit of another process before then is one they may need to see, and
 * one after it one they were sent without: the token check reads SQLite's data_version once for all
 * of them, not once each (~4 µs a request under load, measured). The turn ends at its end, and when
 * a response has left: a client that got an answer and asks again is never checked from before it.
 */
function turnStartedAt(): number {
  if (startedAt === undefined) {
    startedAt = performance.now();
    setImmediate(endTurn);
  }
  return startedAt;
}

export default fp(
  async function authentication(app: FastifyInstance) {
    const verifyToken = apiTokenVerifier(app.db);
    app.decorateRequest('actor', null);
    app.decorateRequest('receivedAt', Number.POSITIVE_INFINITY);
    // a callback, not an async hook: every request passes here and the check is synchronous (a
    // throw is the request's error either way); an async hook costs a promise and a microtask turn
    app.addHook('onRequest', (request, _reply, done) => {
      request.receivedAt = turnStartedAt();
      const header = request.headers.authorization;
      if (header) {
        const [scheme, token] = header.split(' ');
        if (scheme?.toLowerCase() !== 'bearer' || !token) throw unauthorized();
        request.actor = freshSince(app.db, request.receivedAt, () => verifyToken(token));
        if (!request.actor) throw new HttpProblem(401, 'Unauthorized', 'The API token is unknown or revoked');
      } else if (!request.url.startsWith('/api')) {
        // The session cookie signs in the web pages only; the API keeps to Bearer tokens (no CSRF there).
        const session = request.cookies?.[SESSION_COOKIE];
        if (session) request.actor = sessionActor(app.db, session);
      }
      assertAccess(request.actor, accessOf(request));
      done();
    });
    app.addHook('onResponse', (_request, _reply, done) => {
      endTurn();
      done();
    });
  },
  { name: 'authentication', dependencies: ['database'] },
);
