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
