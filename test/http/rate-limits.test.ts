import Fastify from 'fastify';
import t from 'tap';
import problems from '../../server/plugins/problems.ts';
import rateLimits, { waitInWords, windowCounter, windowMs } from '../../server/plugins/rate-limits.ts';

async function limitedApp(t: { teardown(fn: () => unknown): void }, clock: { now: number }) {
  const app = Fastify();
  await app.register(problems);
  await app.register(rateLimits, { now: () => clock.now });
  app.get('/a', { config: { rateLimit: { max: 2, timeWindow: '1 minute' } } }, async () => 'a');
  app.get('/b', { config: { rateLimit: { max: 2, timeWindow: '1 minute' } } }, async () => 'b');
  app.get('/free', async () => 'free');
  t.teardown(() => app.close());
  return app;
}

t.test('a route counts each client address in a window that begins with its first request', async (t) => {
  const clock = { now: 1_000_000 };
  const app = await limitedApp(t, clock);
  const first = await app.inject({ url: '/a', remoteAddress: '10.0.0.1' });
  t.equal(first.statusCode, 200);
  t.same(
    [
      first.headers['x-ratelimit-limit'],
      first.headers['x-ratelimit-remaining'],
      first.headers['x-ratelimit-reset'],
    ],
    ['2', '1', '60'],
  );
  clock.now += 20_500;
  const second = await app.inject({ url: '/a', remoteAddress: '10.0.0.1' });
  t.same([second.headers['x-ratelimit-remaining'], second.headers['x-ratelimit-reset']], ['0', '40']);
  const refused = await app.inject({ url: '/a', remoteAddress: '10.0.0.1' });
  t.equal(refused.statusCode, 429);
  t.same(
    [
      refused.headers['x-ratelimit-remaining'],
      refused.headers['x-ratelimit-reset'],
      refused.headers['retry-after'],
    ],
    ['0', '40', '40'],
  );
  t.match(refused.headers['content-type'], /application\/problem\+json/);
  t.same(refused.json(), {
    type: 'about:blank#client-error',
    title: 'Too Many Requests',
    status: 429,
    detail: 'Rate limit exceeded, retry in 40 seconds',
  });
  // another address, another route, a route without a limit: each its own count
  t.equal((await app.inject({ url: '/a', remoteAddress: '10.0.0.2' })).statusCode, 200);
  t.equal((await app.inject({ url: '/b', remoteAddress: '10.0.0.1' })).statusCode, 200);
  const free = await app.inject({ url: '/free', remoteAddress: '10.0.0.1' });
  t.equal(free.statusCode, 200);
  t.notOk(free.headers['x-ratelimit-limit']);
  // an IPv4 address written as IPv6 is the same client
  t.equal((await app.inject({ url: '/a', remoteAddress: '::ffff:10.0.0.1' })).statusCode, 429);
  // the window ends a minute after the first request
  clock.now += 39_500;
  const again = await app.inject({ url: '/a', remoteAddress: '10.0.0.1' });
  t.equal(again.statusCode, 200);
  t.same([again.headers['x-ratelimit-remaining'], again.headers['x-ratelimit-reset']], ['1', '60']);
});

t.test('a client not seen for the longest is forgotten first, past 5,000 addresses', async (t) => {
  const count = windowCounter(60_000);
  count('early', 0);
  count('kept', 0);
  count('early', 1);
  count('kept', 2);
  for (let i = 0; i < 4998; i++) count(`other-${i}`, 3);
  t.equal(count('kept', 4).count, 3, 'still counted: 5,000 addresses kept');
  count('one-more', 5);
  t.equal(count('early', 6).count, 1, 'the least recently seen was dropped');
});

t.test('windows and waits are read and worded as @fastify/rate-limit does', async (t) => {
  t.equal(windowMs('1 minute'), 60_000);
  t.equal(windowMs('30 seconds'), 30_000);
  t.equal(windowMs('2 hours'), 7_200_000);
  t.equal(windowMs(1500), 1500);
  t.throws(() => windowMs('a fortnight'));
  t.same([500, 1000, 45_000, 60_000, 120_000, 90_000, 3_600_000, 86_400_000].map(waitInWords), [
    '500 ms',
    '1 second',
    '45 seconds',
    '1 minute',
    '2 minutes',
    '2 minutes',
    '1 hour',
    '1 day',
  ]);
});

t.test('the same requests get the same answers from @fastify/rate-limit itself', async (t) => {
  // the plugin this one stands in for, as the service registered it, read as an independent reference
  const { default: fastifyRateLimit } = await import('@fastify/rate-limit');
  const build = async (limits: (app: ReturnType<typeof Fastify>) => Promise<void>) => {
    const app = Fastify();
    await app.register(problems);
    await limits(app);
    app.get('/a', { config: { rateLimit: { max: 2, timeWindow: '1 minute' } } }, async () => 'a');
    t.teardown(() => app.close());
    return app;
  };
  const ours = await build(async (app) => {
    await app.register(rateLimits);
  });
  const theirs = await build(async (app) => {
    await app.register(fastifyRateLimit, { global: false });
  });
  const seen = (r: Awaited<ReturnType<typeof ours.inject>>) => ({
    status: r.statusCode,
    limit: r.headers['x-ratelimit-limit'],
    remaining: r.headers['x-ratelimit-remaining'],
    reset: r.headers['x-ratelimit-reset'],
    retryAfter: r.headers['retry-after'],
    type: r.headers['content-type'],
    body: r.body,
  });
  // one client four times (the last two refused), the same client written as IPv6, another client
  for (const remoteAddress of [
    '10.0.0.1',
    '10.0.0.1',
    '10.0.0.1',
    '10.0.0.1',
    '::ffff:10.0.0.1',
    '10.0.0.2',
  ]) {
    const request = { url: '/a', remoteAddress };
    t.same(
      seen(await ours.inject(request)),
      seen(await theirs.inject(request)),
      `a request from ${remoteAddress}`,
    );
  }
});
