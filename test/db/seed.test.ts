import { eq } from 'drizzle-orm';
import t from 'tap';
import { area, areaMember, organisation, role } from '../../db/schema/index.ts';
import { seedReferenceData } from '../../db/seed/seed.ts';
import { buildTestApp } from '../helpers/app.ts';

t.test('seeding is idempotent and keeps what a facilitator edited', async (t) => {
  const { app, as } = await buildTestApp(t);
  const db = app.db;
  const count = () => ({
    organisations: db.select().from(organisation).all().length,
    areas: db.select().from(area).all().length,
    members: db.select().from(areaMember).all().length,
    roles: db.select().from(role).all().length,
  });
  const before = count();
  t.match(before, { organisations: 12 + 98 + 5, areas: 12, roles: 12 });

  const report = seedReferenceData(db);
  t.equal(report.created, 0);
  t.equal(report.updated, 0);
  t.same(count(), before, 'a second run creates nothing');

  const aarhus = db.select().from(organisation).where(eq(organisation.code, '751')).get()!;
  const edited = await app.inject({
    method: 'PATCH',
    url: `/api/organisations/${aarhus.id}`,
    headers: as.facilitator,
    payload: { version: aarhus.version, name: 'Aarhus Kommune', address: 'Rådhuspladsen 2, 8000 Aarhus C' },
  });
  t.equal(edited.statusCode, 200);
  const again = seedReferenceData(db);
  t.equal(again.keptEdited, 1);
  t.match(db.select().from(organisation).where(eq(organisation.id, aarhus.id)).get(), {
    name: 'Aarhus Kommune',
    address: 'Rådhuspladsen 2, 8000 Aarhus C',
  });
  t.same(count(), before);
});

t.test(
  "children's houses' addresses are Danish, also in a database seeded with the English notes",
  async (t) => {
    const { app, as } = await buildTestApp(t);
    const db = app.db;
    const district = async () => (await app.inject({ url: '/kredse/1468', headers: as.viewer })).body;
    const page = await district();
    t.match(page, 'Satellit: Hillerød', 'the district page says it in Danish');
    t.notMatch(page, /satellite/i);

    // what an earlier seed wrote: the reference file's English note, once untouched and once on an edited row
    const english = 'København (Henrik Pontoppidans Vej, Nørrebro) + satellite Hillerød';
    const house = () =>
      db.select().from(organisation).where(eq(organisation.name, 'Børnehus Hovedstaden')).get()!;
    const syd = () => db.select().from(organisation).where(eq(organisation.name, 'Børnehus Syd')).get()!;
    db.update(organisation).set({ address: english }).where(eq(organisation.id, house().id)).run();
    db.update(organisation)
      .set({
        name: 'Børnehus Syd',
        address: 'Odense (Sanderumvej) + satellites Esbjerg and Aabenraa (from 2018/19)',
        editedAt: '2027-01-01T00:00:00.000Z',
      })
      .where(eq(organisation.id, syd().id))
      .run();
    const report = seedReferenceData(db);
    t.equal(report.updated, 2, 'both addresses are fixed when the service starts');
    t.equal(house().address, 'København (Henrik Pontoppidans Vej, Nørrebro). Satellit: Hillerød');
    t.match(syd(), { address: 'Odense (Sanderumvej). Satellitter: Esbjerg og Aabenraa' });
    t.ok(syd().editedAt, 'the edited row stays edited');
    t.match(await district(), 'Satellit: Hillerød');

    db.update(organisation)
      .set({ address: 'Sanderumvej 1, 5250 Odense SV' })
      .where(eq(organisation.id, syd().id))
      .run();
    t.equal(seedReferenceData(db).updated, 0);
    t.equal(syd().address, 'Sanderumvej 1, 5250 Odense SV', 'an address a facilitator wrote is kept');
  },
);
