import { parse } from 'csv-parse/sync';
import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';
import { seedFynOutcomes } from '../helpers/scenarios.ts';

t.test('the agreements CSV lists the barriers as rows too, each row saying what it is', async (t) => {
  const { app, as } = await buildTestApp(t);
  seedFynOutcomes(app.db);
  const csv = async (query: string, delimiter = ';') =>
    parse(
      (await app.inject({ url: `/api/reports/agreements?year=2027&${query}`, headers: as.viewer }))
        .rawPayload,
      { bom: true, delimiter, columns: true },
    ) as Record<string, string>[];

  const fyn = await csv('district=1465&format=csv');
  t.same(
    fyn.map((r) => r.Række),
    ['Aftale', 'Aftale', 'Barriere', 'Barriere'],
    "the district's agreements, then its barriers",
  );
  const talks = fyn.find((r) => r.Titel?.startsWith('Uklart'))!;
  t.match(talks, {
    Række: 'Barriere',
    Politikreds: 'Fyns Politi',
    Kategori: /^Uklare aftaler om samtaler med barn/,
    Titel: 'Uklart hvornår kommunen må tale med forældrene',
    Status: 'Åben',
    Parter: 'Odense',
    Rejst: /^2027-03-\d{2}$/,
    Løst: '',
    Type: '',
  });
  const resolved = fyn.find((r) => r.Titel === 'Lang ventetid før børnesamtalen')!;
  t.match(resolved, { Række: 'Barriere', Status: 'Løst', Løst: '2027-03-12', Parter: 'Alle kommuner' });
  const agreement = fyn.find((r) => r.Titel === 'Samarbejdsaftale om børnesager på Fyn')!;
  t.match(agreement, { Række: 'Aftale', Type: 'Samarbejdsaftale', Kategori: '', Rejst: '' });
  t.equal(agreement['Adresserer barrierer'], talks.ID, 'the barrier it addresses is in the file by its ID');

  const all = await csv('format=csv');
  t.same(
    all.map((r) => `${r.Politikreds}: ${r.Række}`),
    [
      'Nordjyllands Politi: Aftale',
      'Fyns Politi: Aftale',
      'Fyns Politi: Aftale',
      'Fyns Politi: Barriere',
      'Fyns Politi: Barriere',
    ],
    'every district in code order, barriers after the agreements of their district',
  );

  const en = await csv('district=1465&format=csv&lang=en&separator=comma', ',');
  t.same(
    en.map((r) => r.Row),
    ['Agreement', 'Agreement', 'Barrier', 'Barrier'],
  );
});
