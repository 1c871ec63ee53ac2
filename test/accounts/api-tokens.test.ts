import { join } from 'node:path';
import t from 'tap';
import { openDatabase } from '../../db/client.ts';
import { issueApiToken } from '../../server/accounts/accounts.ts';
import { buildTestApp, DANISH_PROGRAMME } from '../helpers/app.ts';

/**
 * A token's account and programmes are kept between requests while the database is unchanged; the
 * secret is checked on every request, and any change, by this process or another, is seen at once.
 */

t.test('a kept token still needs its secret, and follows every change to its account', async (t) => {
  const { app, as, dir, accountIds } = await buildTestApp(t);
  // another process on the same file (the command line, a second server)
  const other = openDatabase(join(dir, 'samraad.db'));
  t.teardown(() => other.$client.close());
  const people = (headers: { authorization: string }) => app.inject({ url: '/api/people', headers });
  const create = (headers: { authorization: string }, email: string) =>
    app.inject({
      method: 'POST',
      url: '/api/people',
      headers,
      payload: { name: 'Ny', email, organisationId: 1 },
    });

  t.equal((await people(as.facilitator)).statusCode, 200);
  t.equal((await people(as.facilitator)).statusCode, 200, 'again, from what was kept');
  const [prefix, lookupId] = as.facilitator.authorization.slice('Bearer '.length).split('_');
  const forged = { authorization: `Bearer ${prefix}_${lookupId}_${'A'.repeat(43)}` };
  t.equal((await people(forged)).statusCode, 401, 'the same token id with another secret is refused');
  t.equal((await people(as.facilitator)).statusCode, 200, 'and the real one still passes');

  // the account's role in its programme changed here: the next request has the new scope
  const demoted = await app.inject({
    method: 'PUT',
    url: `/api/accounts/${accountIds.facilitator}/programmes`,
    headers: as.admin,
    payload: { programmes: [{ programme: DANISH_PROGRAMME, role: 'viewer' }] },
  });
  t.equal(demoted.statusCode, 200, demoted.body);
  t.equal((await create(as.facilitator, 'a@brk.dk')).statusCode, 403, 'a viewer now: no writes');

  // revoked by another process
  const token = { authorization: `Bearer ${issueApiToken(app.db, accountIds.viewer)}` };
  t.equal((await people(token)).statusCode, 200);
  other.$client
    .prepare('UPDATE api_token SET revoked_at = ? WHERE account_id = ?')
    .run(new Date().toISOString(), accountIds.viewer);
  t.equal((await people(token)).statusCode, 401, 'a token revoked elsewhere is refused at once');

  // an account disabled by another process
  t.equal((await people(as.admin)).statusCode, 200);
  other.$client
    .prepare('UPDATE account SET disabled_at = ? WHERE id = ?')
    .run(new Date().toISOString(), accountIds.admin);
  t.equal((await people(as.admin)).statusCode, 401, "a disabled account's token is refused at once");
});

t.test('over HTTP, a token revoked by another process is refused on the next request', async (t) => {
  const { app, dir, accountIds } = await buildTestApp(t);
  const other = openDatabase(join(dir, 'samraad.db'));
  t.teardown(() => other.$client.close());
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const headers = { authorization: `Bearer ${issueApiToken(app.db, accountIds.viewer)}` };
  // requests sent together are checked together (once a turn of the event loop): all pass
  const together = await Promise.all(
    Array.from({ length: 8 }, () => fetch(`${address}/api/people`, { headers })),
  );
  t.same(
    together.map((r) => r.status),
    Array(8).fill(200),
  );
  other.$client
    .prepare('UPDATE api_token SET revoked_at = ? WHERE account_id = ?')
    .run(new Date().toISOString(), accountIds.viewer);
  t.equal((await fetch(`${address}/api/people`, { headers })).status, 401, 'the next request is refused');
  const again = await Promise.all(
    Array.from({ length: 4 }, () => fetch(`${address}/api/people`, { headers })),
  );
  t.same(
    again.map((r) => r.status),
    Array(4).fill(401),
    'and every one after it',
  );
});
