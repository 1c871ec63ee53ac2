import t from 'tap';
import { RegisterConflict } from '../../server/register/refusals.ts';
import { da } from '../../server/text/catalogues/da.ts';
import { buildTestApp } from '../helpers/app.ts';

t.test('register clashes answer 409 with their English detail and a typed clash behind it', async (t) => {
  const { app, as } = await buildTestApp(t);
  const municipalities = (await app.inject({ url: '/api/municipalities' })).json() as {
    id: number;
    code: string;
  }[];
  const bornholm = municipalities.find((m) => m.code === '400')!;
  const person = {
    name: 'Søren Åberg',
    email: 'soren@brk.dk',
    organisationId: bornholm.id,
    roles: ['teamleder'],
  };
  const post = (url: string, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url, headers: as.facilitator, payload });

  t.equal((await post('/api/people', person)).statusCode, 201);
  const twice = await post('/api/people', person);
  t.equal(twice.statusCode, 409);
  t.match(twice.headers['content-type'], 'application/problem+json');
  t.match(twice.json(), {
    title: 'Conflict',
    status: 409,
    detail: 'A person with email soren@brk.dk already exists',
  });

  const sameCode = await post('/api/organisations', {
    kind: 'municipality',
    name: 'Bornholm 2',
    code: '400',
  });
  t.equal(sameCode.statusCode, 409);
  t.equal(sameCode.json().detail, 'Another municipality already has code 400');

  const remove = await app.inject({
    method: 'DELETE',
    url: `/api/organisations/${bornholm.id}`,
    headers: as.admin,
  });
  t.equal(remove.statusCode, 409);
  t.equal(remove.json().detail, 'The organisation still has 1 contact person(s); move or delete them first');
});

t.test('each clash has its Danish sentence for the pages', async (t) => {
  const clash = new RegisterConflict({ kind: 'roleHeld', key: 'teamleder', holders: 1 });
  t.equal(clash.status, 409);
  t.equal(da.refusal.register(clash.clash), '1 person har rollen teamleder. Tag den fra dem først.');
  t.equal(
    da.refusal.register({ kind: 'codeTaken', organisationKind: 'municipality', code: '400' }),
    'En anden organisation af samme type har allerede koden 400.',
  );
});
