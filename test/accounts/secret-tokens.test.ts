import t from 'tap';
import { newSecretTokens, parseSecretToken, secretMatches } from '../../server/accounts/credentials.ts';

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
