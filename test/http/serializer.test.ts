import fastJson from 'fast-json-stringify';
import t from 'tap';
import { z } from 'zod';
import { nullableAsTypeList, serializerFor } from '../../server/http/serializer.ts';

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

t.test('nullable fields are written exactly as through their anyOf, null or not', async (t) => {
  const Place = z.object({ name: z.string(), floor: z.number().int().nullable() });
  const Shape = z.object({
    count: z.number().int().nullable(),
    at: z.iso.datetime().nullable(),
    on: z.iso.date().nullable(),
    state: z.enum(['open', 'resolved']).nullable(),
    place: Place.nullable(),
    places: z.array(Place).nullable(),
    note: z.string().nullable(),
  });
  const jsonSchema = z.toJSONSchema(Shape, { io: 'output', unrepresentable: 'any', target: 'draft-07' });
  const rewritten = nullableAsTypeList(jsonSchema);
  t.notMatch(JSON.stringify(rewritten), /anyOf/, 'no anyOf left for fast-json-stringify to validate');
  const throughAnyOf = fastJson(jsonSchema as Parameters<typeof fastJson>[0]);
  const throughTypes = fastJson(rewritten as Parameters<typeof fastJson>[0]);
  const filled = {
    count: 7,
    at: '2027-03-04T09:30:00.000Z',
    on: '2027-03-04',
    state: 'resolved',
    place: { name: 'Rådhuset, "sal 2"', floor: null },
    places: [
      { name: 'Politigården', floor: 3 },
      { name: 'Æblehaven', floor: null },
    ],
    note: 'linje 1\nlinje 2 – ø',
  };
  const empty = { count: null, at: null, on: null, state: null, place: null, places: null, note: null };
  for (const [what, value] of [
    ['every field set', filled],
    ['every field null', empty],
    ['a Date for the date-time', { ...filled, at: new Date('2027-03-04T09:30:00Z') }],
  ] as const)
    t.equal(throughTypes(value), throughAnyOf(value), what);
  const withExtra = { ...filled, place: { ...filled.place, extra: 'never sent' } };
  t.throws(() => throughAnyOf(withExtra), 'through the anyOf, a field too many made the response fail');
  t.equal(
    throughTypes(withExtra),
    throughTypes(filled),
    'now a nullable object sends only its own fields, as any other object does',
  );
});

t.test('references and real unions keep their anyOf', async (t) => {
  const reference = { anyOf: [{ $ref: '#/definitions/Seat' }, { type: 'null' }] };
  t.same(nullableAsTypeList(reference), reference);
  const union = { anyOf: [{ type: 'string' }, { type: 'integer' }] };
  t.same(nullableAsTypeList(union), union);
  const listOfTypes = { anyOf: [{ type: ['string', 'integer'] }, { type: 'null' }] };
  t.same(nullableAsTypeList(listOfTypes), listOfTypes);
});
