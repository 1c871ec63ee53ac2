import { createHash } from 'node:crypto';
import t from 'tap';
import {
  newSecretTokens,
  parseSecretToken,
  secretMatches,
  sha256,
} from '../../server/accounts/credentials.ts';

t.test('secret tokens: a lookup id that groups tokens made together, and a 256-bit secret', async (t) => {
  const at = Date.UTC(2027, 2, 12, 8);
  const tokens = [...newSecretTokens('rsvp', 500, at), ...newSecretTokens('rsvp', 500, at)];
  t.equal(new Set(tokens.map((k) => k.lookupId)).size, 1000, 'every lookup id differs');
  t.equal(new Set(tokens.map((k) => k.token)).size, 1000);
  for (const k of tokens.slice(0, 3)) {
    const parsed = parseSecretToken('rsvp', k.token);
    t.same(parsed?.lookupId, k.lookupId, 'the token reads back');
    t.ok(parsed && secretMatches(parsed.secret, k.secretHash), 'its secret matches the stored hash');
    t.equal(Buffer.from(parsed!.secret, 'base64url').length, 32, '256 random bits');
  }
  const prefixes = (list: typeof tokens) =>
    new Set(list.map((k) => Buffer.from(k.lookupId, 'base64url').readUIntBE(0, 5)));
  t.same([...prefixes(tokens)], [at % 2 ** 40], 'made in the same millisecond: it comes first in each');
  t.not(
    [...prefixes(newSecretTokens('rsvp', 1, at + 1))][0],
    [...prefixes(tokens)][0],
    'a millisecond later: another',
  );
  t.equal(parseSecretToken('api', tokens[0]!.token), null, 'another kind of token is not one');
});

t.test('the stored hash of a secret is its SHA-256 in hex, on every Node 20 release', async (t) => {
  // FIPS 180-2's test vector, and a token-shaped value checked with the Hash object
  t.equal(sha256('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  const [made] = newSecretTokens('rsvp', 1);
  const secret = parseSecretToken('rsvp', made!.token)!.secret;
  t.equal(made!.secretHash, createHash('sha256').update(secret).digest('hex'), 'as stored before');
});

t.test(
  'secrets drawn from the pooled generator are never handed out twice, across its refills',
  async (t) => {
    // 2,000 sends of 25 links: 1.6 MB of randomness, the pool refilled about 25 times
    const secrets = new Set<string>();
    for (let send = 0; send < 2000; send++)
      for (const k of newSecretTokens('rsvp', 25)) secrets.add(parseSecretToken('rsvp', k.token)!.secret);
    t.equal(secrets.size, 50_000, 'every secret differs');
  },
);
