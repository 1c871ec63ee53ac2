import type { LightMyRequestResponse } from 'fastify';
import t from 'tap';
import { findAccountByEmail, setPassword } from '../../server/accounts/accounts.ts';
import { da } from '../../server/text/catalogues/da.ts';
import { en } from '../../server/text/catalogues/en.ts';
import { buildTestApp } from '../helpers/app.ts';
import { bornholmContacts, planTestYear } from '../helpers/scenarios.ts';

const PASSWORD = 'en-lang-nok-adgangskode';
type App = Awaited<ReturnType<typeof buildTestApp>>['app'];

/** Every fixed piece of the English catalogue that the Danish one words differently. */
function englishFragments(english: unknown, danish: unknown): string[] {
  if (typeof english === 'string') return english === danish ? [] : [english];
  if (typeof english === 'function') {
    const mark = '\u0001';
    const call = (f: unknown) => {
      try {
        return String((f as (...a: unknown[]) => unknown)(mark, mark, mark));
      } catch {
        // a text built from a structured value (a file's faults) has no fixed words to find by marks
        return null;
      }
    };
    const said = call(english);
    if (said === null) return [];
    const danishSaid = typeof danish === 'function' ? (call(danish) ?? '') : '';
    return String(said)
      .split(mark)
      .filter((part) => !danishSaid.split(mark).includes(part));
  }
  if (english && typeof english === 'object')
    return Object.entries(english).flatMap(([key, value]) =>
      englishFragments(value, (danish as Record<string, unknown> | undefined)?.[key]),
    );
  return [];
}

/** What a reader sees: the text between the tags, entities decoded enough for a match. */
function visibleText(body: string): string {
  return body
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;|&#34;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ');
}

interface Visitor {
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, form: Record<string, string>): Promise<LightMyRequestResponse>;
}

async function signIn(app: App, role: 'facilitator' | 'viewer'): Promise<Visitor> {
  await setPassword(app.db, findAccountByEmail(app.db, `${role}@test.example`)!.id, PASSWORD);
  const form = await app.inject({ url: '/login' });
  const nonce = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
  const login = await app.inject({
    method: 'POST',
    url: '/login',
    cookies: { samraad_login: nonce },
    payload: { _csrf: nonce, email: `${role}@test.example`, password: PASSWORD, next: '/' },
  });
  const cookies = { samraad_session: login.cookies.find((c) => c.name === 'samraad_session')!.value };
  const overview = await app.inject({ url: '/personer', cookies });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(overview.body)?.[1] ?? '';
  return {
    get: (url) => app.inject({ url, cookies }),
    post: (url, form) => app.inject({ method: 'POST', url, cookies, payload: { _csrf: csrf, ...form } }),
  };
}

/** Same-site page links of a page: what a user can reach by clicking. */
function linksOf(body: string): string[] {
  return [...body.matchAll(/href="(\/[^"#]*)"/g)]
    .map((m) => m[1]!.replace(/&amp;/g, '&'))
    .filter((href) => !/^\/(assets|api|docs|calendar|logout|rsvp)\b/.test(href) && !href.startsWith('//'));
}

t.test('no English on any Danish page, refusals included', async (t) => {
  const { app, as } = await buildTestApp(t);
  const people = bornholmContacts(app.db);
  const cycle = planTestYear(app.db, 2027);
  const bornholm = cycle.meetings.find((m) => m.area.districtCode === '1471')!;
  await app.inject({
    method: 'POST',
    url: `/api/meetings/${bornholm.id}/invitations`,
    headers: as.facilitator,
  });

  // the API's own English refusals, as it gives them for the same mistakes
  const api = async (method: 'POST' | 'PATCH', url: string, payload: unknown, who = as.facilitator) =>
    (await app.inject({ method, url, headers: who, payload: payload as Record<string, unknown> })).json();
  const apiRefusals = [
    await api('POST', '/api/people', { name: 'X', email: 'x@y.dk', organisationId: 1 }, as.viewer),
    await api('PATCH', `/api/meetings/${bornholm.id}`, { version: 0, title: 'gammel' }),
    await api('PATCH', `/api/meetings/${bornholm.id}`, { version: bornholm.version, date: '2027-12-24' }),
    await api('POST', '/api/cycles', {
      year: 2028,
      settings: { periodStart: '2028-03-06', periodEnd: '2028-03-06' },
    }),
    await api('POST', '/api/cycles', { year: 2027 }),
    await api('POST', `/api/meetings/${bornholm.id}/cancel`, { version: bornholm.version }),
    await (async () => (await app.inject({ url: '/api/meetings/999999', headers: as.viewer })).json())(),
  ];
  const english = [
    ...englishFragments(en.refusal, da.refusal),
    ...apiRefusals.flatMap((p) => [p.title, p.detail]),
  ].filter((s): s is string => typeof s === 'string' && s.trim().length >= 8);
  t.ok(english.length > 10, 'there are English sentences to look for');
  t.ok(
    apiRefusals.some((p) => /needs the facilitator or admin role/.test(p.detail)),
    'among them the missing role',
  );

  const check = (what: string, response: LightMyRequestResponse, status?: number) => {
    if (status !== undefined) t.equal(response.statusCode, status, `${what}: ${status}`);
    if (!String(response.headers['content-type']).startsWith('text/html')) return;
    const text = visibleText(response.body);
    const found = english.filter((s) => text.includes(s));
    t.same(found, [], `${what}: no English`);
  };

  for (const role of ['facilitator', 'viewer'] as const) {
    const visitor = await signIn(app, role);
    const queue = ['/', `/moeder/${bornholm.id}`, '/planlaeg', '/personer/ny', '/personer/import'];
    const visited = new Set<string>();
    while (queue.length && visited.size < 400) {
      const url = queue.shift()!;
      if (visited.has(url)) continue;
      visited.add(url);
      const response = await visitor.get(url);
      check(`${role} GET ${url}`, response);
      if (response.statusCode === 200 && String(response.headers['content-type']).startsWith('text/html'))
        for (const link of linksOf(response.body))
          if (!visited.has(link) && !/^\/(personer|organisationer)\?/.test(link)) queue.push(link);
    }
    t.ok(visited.size > 20, `${role}: walked ${visited.size} pages`);
  }

  const viewer = await signIn(app, 'viewer');
  check('viewer on a write form', await viewer.get('/personer/ny'), 403);
  check('viewer posting a person', await viewer.post('/personer', { name: 'X', email: 'x@y.dk' }), 403);

  const facilitator = await signIn(app, 'facilitator');
  const person = people[0]!;
  check(
    'stale version on a person',
    await facilitator.post(`/personer/${person.id}`, {
      name: person.name,
      email: person.email,
      organisationId: String(person.organisation.id),
      version: '0',
    }),
    409,
  );
  // sending the invitations raised the meeting's version: read the one a page would hold now
  const current = (await app.inject({ url: `/api/meetings/${bornholm.id}`, headers: as.viewer })).json();
  const move = { version: String(current.version), startTime: '09:30', endTime: '13:00' };
  const conflict = await facilitator.post(`/moeder/${bornholm.id}/flyt`, { ...move, date: '2027-12-24' });
  check('rule conflict on a move', conflict, 409);
  t.match(visibleText(conflict.body), da.refusal.page.ruleConflict.title, 'named as a rule conflict');
  t.match(visibleText(conflict.body), 'friholdte periode', 'with the broken rule in Danish');
  const stale = await facilitator.post(`/moeder/${bornholm.id}/flyt`, {
    ...move,
    version: String(current.version - 1),
    date: bornholm.localDate,
  });
  check('stale version on a move', stale, 409);
  t.match(visibleText(stale.body), da.refusal.page.staleVersion.text);
  check(
    'a cancellation without a reason',
    await facilitator.post(`/moeder/${bornholm.id}/aflys`, { version: String(current.version) }),
    400,
  );
  check('bad CSV preview', await facilitator.post('/personer/import', { csv: 'navn;telefon\nX;1' }));
  check('bad CSV saved', await facilitator.post('/personer/import/gem', { csv: 'navn;telefon\nX;1' }), 422);
  check(
    'an infeasible plan',
    await facilitator.post('/planlaeg/gem', {
      year: '2028',
      settings: JSON.stringify({ periodStart: '2028-03-06', periodEnd: '2028-03-06' }),
    }),
    422,
  );
  check(
    'a year planned twice',
    await facilitator.post('/planlaeg/gem', { year: '2027', settings: '{}' }),
    409,
  );
  check('a meeting that does not exist', await facilitator.get('/moeder/999999'), 404);
  check('a person that does not exist', await facilitator.get('/personer/999999'), 404);
  const municipality = person.organisation.id;
  const withContacts = await facilitator.post(`/organisationer/${municipality}/slet`, {});
  check('an organisation with contacts deleted', withContacts, 409);
  t.match(
    visibleText(withContacts.body),
    /Organisationen har stadig kontaktpersoner \(\d+\)\. Flyt eller slet dem først\./,
    'the register’s refusal in its own Danish sentence',
  );
  check(
    'a form without its token',
    await app.inject({ method: 'POST', url: '/personer', payload: { name: 'X' } }),
  );
});
