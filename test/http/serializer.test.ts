import t from 'tap';
import { z } from 'zod';
import { serializerFor } from '../../server/http/serializer.ts';

const Person = z.object({ id: z.number().int(), name: z.string() });

t.test(
  'a response schema written again (as each app does for inline schemas) shares one serialiser',
  async (t) => {
    const first = serializerFor(z.array(Person));
    const again = serializerFor(z.array(Person));
    t.equal(again, first, 'the same compiled function');
    const people = [{ id: 1, name: 'Åse "Ø" Lund', password: 'hemmelig' }];
    t.same(
      JSON.parse(again(people)),
      [{ id: 1, name: 'Åse "Ø" Lund' }],
      'fields outside the schema never leave',
    );
  },
);

t.test('a different shape gets its own serialiser', async (t) => {
  const withEmail = serializerFor(z.array(Person.extend({ email: z.string() })));
  t.not(withEmail, serializerFor(z.array(Person)));
  t.same(JSON.parse(withEmail([{ id: 2, name: 'Bo', email: 'bo@x.dk' }])), [
    { id: 2, name: 'Bo', email: 'bo@x.dk' },
  ]);
  t.equal(serializerFor(z.string())('tekst'), '"tekst"');
  t.equal(serializerFor(z.number())(3), '3', 'a string and a number schema are not mixed up');
});
