import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Scripts and styles from the service itself only; no framing, no plugins, forms post home. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * The one place that sets the security headers of every HTML answer — the facilitators' pages,
 * the answer page and its 404, the HTML report, /docs — whichever route or error handler made it.
 */
export default fp(
  async function securityHeaders(app: FastifyInstance) {
    // a callback, not an async hook: every response passes here (an async one costs a promise and a microtask turn)
    app.addHook('onSend', (_request, reply, payload, done) => {
      if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
        reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
        reply.header('x-frame-options', 'DENY');
        reply.header('x-content-type-options', 'nosniff');
        // a page with a secret in its address (the answer page) asks for no-referrer itself
        if (!reply.hasHeader('referrer-policy')) reply.header('referrer-policy', 'same-origin');
      }
      done(null, payload);
    });
  },
  { name: 'security-headers' },
);
