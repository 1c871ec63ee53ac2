import t from 'tap';
import { findAccountByEmail, setPassword } from '../../server/accounts/accounts.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertMeeting } from '../helpers/factories.ts';

const PASSWORD = 'en-lang-nok-adgangskode';

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  maxLength?: number;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  $ref?: string;
  additionalProperties?: JsonSchema | boolean;
}

/** Every string a client may send, by path, with whether it is bounded (maxLength, pattern, enum or format). */
function unboundedStrings(
  schema: JsonSchema | undefined,
  path: string,
  refs: (ref: string) => JsonSchema,
  out: string[],
) {
  if (!schema) return;
  if (schema.$ref) return unboundedStrings(refs(schema.$ref), path, refs, out);
  for (const s of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])])
    unboundedStrings(s, path, refs, out);
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (
    types.includes('string') &&
    schema.maxLength === undefined &&
    !schema.pattern &&
    !schema.enum &&
    !schema.format
  )
    out.push(path);
  for (const [k, v] of Object.entries(schema.properties ?? {}))
    unboundedStrings(v, `${path}.${k}`, refs, out);
  if (schema.items) unboundedStrings(schema.items, `${path}[]`, refs, out);
  if (typeof schema.additionalProperties === 'object')
    unboundedStrings(schema.additionalProperties, `${path}{}`, refs, out);
}

t.test('every text a client sends has a maximum length in the OpenAPI document', async (t) => {
  const { app } = await buildTestApp(t);
  const doc = (await app.inject({ url: '/docs/json' })).json();
  const refs = (ref: string) =>
    ref
      .split('/')
      .slice(1)
      .reduce((o, k) => o[k], doc);
  const unbounded: string[] = [];
  for (const [path, ops] of Object.entries<Record<string, Record<string, never>>>(doc.paths)) {
    for (const [method, op] of Object.entries<Record<string, never>>(ops)) {
      const where = `${method.toUpperCase()} ${path}`;
      for (const p of (op.parameters ?? []) as { name: string; in: string; schema: JsonSchema }[])
        unboundedStrings(p.schema, `${where} ${p.in}:${p.name}`, refs, unbounded);
      const content = (op.requestBody as { content?: Record<string, { schema: JsonSchema }> } | undefined)
        ?.content;
      for (const [type, c] of Object.entries(content ?? {})) {
        if (type === 'message/rfc822') continue; // raw inbound mail is exempt
        unboundedStrings(c.schema, `${where} body`, refs, unbounded);
      }
    }
  }
  t.same(unbounded, [], 'no unbounded text field');
});

t.test(
  'control characters and lone surrogates are refused naming the field; CRLF is stored as LF',
  async (t) => {
    const { app, as } = await buildTestApp(t);
    const org = (await app.inject({ url: '/api/districts/1471', headers: as.viewer })).json();
    const person = (body: string) =>
      app.inject({
        method: 'POST',
        url: '/api/people',
        headers: { ...as.facilitator, 'content-type': 'application/json' },
        payload: body,
      });
    for (const [what, body, field] of [
      ['U+0000 in a name', `{"name":"Anna\\u0000Holm","email":"a@b.dk","organisationId":${org.id}}`, 'name'],
      [
        'U+001B in a title',
        `{"name":"Anna","title":"Chef\\u001b[31m","email":"a@b.dk","organisationId":${org.id}}`,
        'title',
      ],
      ['U+0085 (C1) in a name', `{"name":"Anna\\u0085","email":"a@b.dk","organisationId":${org.id}}`, 'name'],
      ['a lone surrogate', `{"name":"Anna \\ud800","email":"a@b.dk","organisationId":${org.id}}`, 'name'],
      ['a lone low surrogate', `{"name":"\\udc00Anna","email":"a@b.dk","organisationId":${org.id}}`, 'name'],
    ] as const) {
      const res = await person(body);
      t.equal(res.statusCode, 400, what);
      t.match(res.headers['content-type'], /application\/problem\+json/, what);
      t.ok(
        res.json().fields.some((f: { field: string }) => f.field === `body.${field}`),
        `${what}: the problem names ${field}`,
      );
    }
    const tooLong = await person(
      JSON.stringify({ name: 'x'.repeat(301), email: 'a@b.dk', organisationId: org.id }),
    );
    t.equal(tooLong.statusCode, 400, 'a name longer than its kind allows');

    const ok = await person(
      JSON.stringify({
        name: 'Anna\tHolm 😀',
        title: 'Leder\r\nBørn og unge\rSyd',
        email: 'a@b.dk',
        organisationId: org.id,
      }),
    );
    t.equal(ok.statusCode, 201, ok.body);
    t.equal(ok.json().title, 'Leder\nBørn og unge\nSyd', 'CR and CRLF stored as LF');
    t.equal(ok.json().name, 'Anna\tHolm 😀', 'tabs and characters beyond the BMP are kept');

    const m = insertMeeting(app.db, { title: 'Politikredsmøde 2027 – Bornholms Politi' });
    const current = (await app.inject({ url: `/api/meetings/${m.meetingId}`, headers: as.viewer })).json();
    const venue = await app.inject({
      method: 'PATCH',
      url: `/api/meetings/${m.meetingId}`,
      headers: as.facilitator,
      payload: { version: current.version, venueName: 'Rådhus\u0000' },
    });
    t.equal(venue.statusCode, 400, 'a venue with U+0000');
    t.same(
      venue.json().fields.map((f: { field: string }) => f.field),
      ['body.venueName'],
    );
    const search = await app.inject({ url: '/api/people?q=%00', headers: as.viewer });
    t.equal(search.statusCode, 400, 'query strings too');
  },
);

t.test(
  'the CSV import dry run reports lines with control characters; the page says it in Danish',
  async (t) => {
    const { app, as } = await buildTestApp(t);
    const csv = 'Navn;Email;Organisation\nÅse\u0007Ødegård;aase@rksk.dk;101\nBjørn;bjorn@politi.dk;101\n';
    const dry = await app.inject({
      method: 'POST',
      url: '/api/people/import?dryRun=true',
      headers: { ...as.facilitator, 'content-type': 'text/csv; charset=utf-8' },
      payload: csv,
    });
    t.equal(dry.statusCode, 200);
    t.match(dry.json().errors, [{ line: 2, field: 'name', reason: /control character U\+0007/ }]);
    t.equal(dry.json().outcomes.length, 1, 'the good line is still previewed');

    const account = findAccountByEmail(app.db, 'facilitator@test.example')!;
    await setPassword(app.db, account.id, PASSWORD);
    const form = await app.inject({ url: '/login' });
    const nonce = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const login = await app.inject({
      method: 'POST',
      url: '/login',
      cookies: { samraad_login: nonce },
      payload: { _csrf: nonce, email: 'facilitator@test.example', password: PASSWORD, next: '/personer' },
    });
    const session = login.cookies.find((c) => c.name === 'samraad_session')!.value;
    const page = await app.inject({ url: '/personer/ny', cookies: { samraad_session: session } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const org = (await app.inject({ url: '/api/districts/1471', headers: as.viewer })).json();
    const saved = await app.inject({
      method: 'POST',
      url: '/personer',
      cookies: { samraad_session: session },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrf,
        name: 'Anna\u0000Holm',
        email: 'anna@brk.dk',
        organisationId: String(org.id),
        language: 'da',
      }).toString(),
    });
    t.equal(saved.statusCode, 400, 'the form is shown again');
    t.match(saved.body, 'Teksten indeholder et kontroltegn eller ugyldige Unicode-tegn.');
  },
);
