import { normalizeIP } from '@fastify/rate-limit';
import { format, parse } from '@lukeed/ms';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';

/** One client's window: when it began and how many requests it has counted. */
interface Window {
  startedAt: number;
  count: number;
}

/** The addresses kept per route, least recently seen dropped first (as @fastify/rate-limit keeps them). */
const KEPT_ADDRESSES = 5000;

/** A window as the routes write it: milliseconds, or words @fastify/rate-limit reads ("1 minute", "30 seconds"). */
export function windowMs(timeWindow: unknown): number {
  const ms = typeof timeWindow === 'string' ? parse(timeWindow) : timeWindow;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0)
    throw new Error(`rate limit: a time window of ${String(timeWindow)} is not understood`);
  return Math.trunc(ms);
}

/** A wait in words, as @fastify/rate-limit words it in its refusal ("1 minute", "45 seconds"): its own formatter. */
export function waitInWords(ms: number): string {
  return format(ms, true);
}

/**
 * Counts a request from `key` at `now` in fixed windows that begin with a client's first request,
 * and returns the count and the milliseconds left of the window. Least recently seen clients are
 * dropped past KEPT_ADDRESSES (a Map keeps insertion order: a client seen again is moved last).
 */
export function windowCounter(
  windowMs: number,
): (key: string, now: number) => { count: number; leftMs: number } {
  const windows = new Map<string, Window>();
  return (key, now) => {
    let window = windows.get(key);
    if (window) windows.delete(key);
    else {
      if (windows.size >= KEPT_ADDRESSES) windows.delete(windows.keys().next().value!);
      window = { startedAt: now, count: 0 };
    }
    windows.set(key, window);
    if (window.startedAt + windowMs <= now) {
      window.startedAt = now;
      window.count = 0;
    }
    window.count += 1;
    return { count: window.count, leftMs: windowMs - (now - window.startedAt) };
  };
}

/**
 * Per-route limits (route config `rateLimit: { max, timeWindow }`, per client address): the
 * counting, headers and 429 refusal of @fastify/rate-limit, whose hook is async (a promise and three
 * awaits, ~3 µs of every answer page) where this one is a callback. Only the options the routes use.
 */
export default fp(
  async function rateLimits(app: FastifyInstance, options: { now?: () => number }) {
    const now = options.now ?? Date.now;
    app.addHook('onRoute', (route) => {
      const config = route.config?.rateLimit;
      if (!config) return;
      if (typeof config.max !== 'number' || !Number.isFinite(config.max) || config.max < 0)
        throw new Error(`rate limit of ${route.url}: max must be a number`);
      const max = Math.trunc(config.max);
      const count = windowCounter(windowMs(config.timeWindow ?? 60_000));
      const limit: onRequestHookHandler = (request, reply, done) => {
        const { count: made, leftMs } = count(normalizeIP(request.ip), now());
        const resetSeconds = Math.ceil(leftMs / 1000);
        reply.header('x-ratelimit-limit', max);
        reply.header('x-ratelimit-remaining', made > max ? 0 : max - made);
        reply.header('x-ratelimit-reset', resetSeconds);
        if (made <= max) {
          done();
          return;
        }
        reply.header('retry-after', resetSeconds);
        throw Object.assign(new Error(`Rate limit exceeded, retry in ${waitInWords(resetSeconds * 1000)}`), {
          statusCode: 429,
        });
      };
      // after the route's own onRequest hooks, where @fastify/rate-limit put its own
      const own = route.onRequest;
      route.onRequest = own === undefined ? [limit] : Array.isArray(own) ? [...own, limit] : [own, limit];
    });
  },
  { name: 'rate-limits' },
);
