import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { prepared } from '../../db/statements.ts';
import { commandLineActor } from '../../server/accounts/accounts.ts';
import { createAgreement } from '../../server/outcomes/agreements.ts';
import { putAttendance } from '../../server/outcomes/attendance.ts';
import { createBarrier } from '../../server/outcomes/barriers.ts';
import { putMapping } from '../../server/outcomes/mappings.ts';
import { planningContext } from '../../server/planning/context.ts';
import { planYear } from '../../server/planning/cycles.ts';
import { PlanningSettings } from '../../server/planning/settings.ts';
import { createPerson } from '../../server/register/people.ts';
import type { TestApp } from './app.ts';
import { insertHeldMeeting, insertPerson } from './factories.ts';

/** Whole situations built from the factories and the domain functions, shared by several test files. */

/** Organisations of a district's area by kind: the police district, municipalities, children's houses. */
export function districtOrganisations(db: Db, code: string) {
  return prepared<{ id: number; name: string; kind: string; memberRole: string }>(
    db,
    `SELECT o.id, o.name, o.kind, am.member_role AS memberRole FROM area_member am
     JOIN area a ON a.id = am.area_id JOIN organisation o ON o.id = am.organisation_id
     WHERE a.seed_key = ? ORDER BY o.id`,
  ).all(`dk:area:politikreds:${code}`);
}

/** Bornholms Politi (1471): the police district, Bornholm and the children's house, each with people. */
export function bornholmWithPeople(db: Db) {
  const orgs = districtOrganisations(db, '1471');
  const police = orgs.find((o) => o.kind === 'police_district')!;
  const municipality = orgs.find((o) => o.kind === 'municipality')!;
  const house = orgs.find((o) => o.kind === 'childrens_house')!;
  const people = {
    chief: insertPerson(db, {
      name: 'Pia Politileder',
      email: 'pia@politi.test',
      organisationId: police.id,
      roles: ['leder-personfarlig-kriminalitet'],
    }),
    interviewer: insertPerson(db, {
      name: 'Viggo Videoafhører',
      email: 'viggo@politi.test',
      organisationId: police.id,
      roles: ['videoafhoerer'],
    }),
    head: insertPerson(db, {
      name: 'Birgit Børne-ungechef',
      email: 'birgit@kommune.test',
      organisationId: municipality.id,
      roles: ['boerne-ungechef'],
      language: 'en',
    }),
    houseLeader: insertPerson(db, {
      name: 'Hanne Husleder',
      email: 'hanne@boernehus.test',
      organisationId: house.id,
      roles: ['leder-boernehus'],
    }),
    facilitator: insertPerson(db, {
      name: 'Frida Facilitator',
      email: 'frida@facilitator.test',
      organisationId: municipality.id,
      roles: ['facilitator'],
    }),
  };
  return { police, municipality, house, people };
}

/**
 * A district's two years of outcomes, written through the domain functions: 2026 and 2027 meetings
 * of Fyns Politi with attendance, mappings, barriers (one resolved) and agreements; one hostile
 * title to prove CSV and HTML neutralise it.
 */
export function seedFynOutcomes(db: Db) {
  const actor = commandLineActor;
  const m2026 = insertHeldMeeting(db, {
    districtCode: '1465',
    startsAt: '2026-03-10T08:00:00Z',
    venueName: 'Odense Rådhus',
  });
  const m2027 = insertHeldMeeting(db, {
    districtCode: '1465',
    startsAt: '2027-03-12T08:30:00Z',
    venueName: 'Børnehus Syd, Ærø-salen',
  });
  const chief = insertPerson(db, {
    name: 'Søren Ørsted',
    email: 'soeren@odense.dk',
    orgKind: 'municipality',
    orgCode: '461',
    roles: ['boerne-ungechef'],
  });
  const worker = insertPerson(db, {
    name: 'Åse Æbelø',
    email: 'aase@assens.dk',
    orgKind: 'municipality',
    orgCode: '420',
    roles: ['kommunal-sagsbehandler'],
  });
  const officer = insertPerson(db, {
    name: 'Pia Politi',
    email: 'pia@politi.dk',
    orgKind: 'police_district',
    orgCode: '1465',
    roles: ['sektionsleder'],
  });
  putAttendance(db, actor, m2026, { version: 0, personIds: [chief] });
  putAttendance(db, actor, m2027, { version: 0, personIds: [chief, worker, officer] });
  putMapping(db, actor, { code: '1465' }, 2026, {
    version: 0,
    forumLevel: 'single_municipalities',
    strengths: [],
    challenges: [],
    wishes: [],
  });
  putMapping(db, actor, { code: '1465' }, 2027, {
    version: 0,
    forumLevel: 'all_municipalities',
    strengths: ['Faste kontaktpersoner på begge sider'],
    challenges: ['Ventetid under efterforskningen'],
    wishes: ['Fælles skabelon til anmeldelser'],
    notes: 'Forum for alle kommuner oprettet i år',
  });
  const waiting = createBarrier(db, actor, {
    districtCode: '1465',
    category: 'investigation_waiting_time',
    description: 'Lang ventetid før børnesamtalen',
    allMunicipalities: true,
    raisedAtMeetingId: m2026,
  });
  const talks = createBarrier(db, actor, {
    districtCode: '1465',
    category: 'talks_with_child',
    description: 'Uklart hvornår kommunen må tale med forældrene',
    allMunicipalities: false,
    municipalityCodes: ['461'],
    raisedAtMeetingId: m2027,
  });
  db.$client
    .prepare("UPDATE barrier SET status = 'resolved', resolved_on = '2027-03-12' WHERE id = ?")
    .run(waiting.id);
  createAgreement(db, actor, {
    districtCode: '1465',
    type: 'samarbejdsaftale',
    title: 'Samarbejdsaftale om børnesager på Fyn',
    text: 'Parterne aftaler …',
    allMunicipalities: true,
    agreedAtMeetingId: m2027,
    status: 'in_force',
    reviewOn: '2028-03-01',
    contactPersonIds: [officer, chief],
    barrierIds: [talks.id],
  });
  createAgreement(db, actor, {
    districtCode: '1465',
    type: 'skabelon_til_anmeldelse',
    title: '=HYPERLINK("http://evil.example","Klik") <script>alert(1)</script>',
    text: '',
    allMunicipalities: false,
    municipalityCodes: ['420', '461'],
    agreedOn: '2026-03-10',
    status: 'in_force',
    reviewOn: '2027-06-01',
  });
  createAgreement(db, actor, {
    districtCode: '1460',
    type: 'kontaktaftale',
    title: 'Kontaktaftale Nordjylland',
    text: '',
    allMunicipalities: true,
    agreedOn: '2027-02-01',
    status: 'agreed',
  });
  return { m2026, m2027, chief, worker, officer };
}

function organisationId(db: Db, kind: string, name: string): number {
  const found = prepared<{ id: number }>(db, 'SELECT id FROM organisation WHERE kind = ? AND name = ?').get(
    kind,
    name,
  );
  if (!found) throw new Error(`no ${kind} ${name} in the seed`);
  return found.id;
}

/** Four contacts on Bornholm: leadership and practice level in the municipality and the police. */
export function bornholmContacts(db: Db) {
  const bornholm = organisationId(db, 'municipality', 'Bornholm');
  const police = organisationId(db, 'police_district', 'Bornholms Politi');
  const people = [
    { name: 'Birgit Kofoed', email: 'birgit@brk.dk', organisationId: bornholm, roles: ['boerne-ungechef'] },
    {
      name: 'Søren Ipsen',
      email: 'soren@brk.dk',
      organisationId: bornholm,
      roles: ['kommunal-sagsbehandler'],
    },
    {
      name: 'Hans Munch',
      email: 'hans@politi.dk',
      organisationId: police,
      roles: ['leder-personfarlig-kriminalitet'],
    },
    { name: 'Lene Holm', email: 'lene@politi.dk', organisationId: police, roles: ['politi-sagsbehandler'] },
  ];
  return people.map((p) =>
    createPerson(db, commandLineActor, { ...p, isFixedContact: false, language: 'da' }),
  );
}

/** Plans a year the way the plan page does, without the browser. */
export function planTestYear(db: Db, year: number) {
  return planYear(db, commandLineActor, planningContext('http://samraad.test'), {
    year,
    settings: PlanningSettings.parse({}),
    dryRun: false,
  });
}

/** The Norwegian programme of the tests: its key, its area and the area's member municipalities. */
export interface NorwegianProgramme {
  key: string;
  areaId: number;
  areaName: string;
  convenerName: string;
  members: { id: number; code: string; name: string }[];
}

/**
 * A Norwegian programme set up through the API as an admin would: a Bufetat region convening an
 * area of a new kind with two municipalities, and a programme over that kind with its own taxonomy.
 */
export async function norwegianProgramme(
  app: FastifyInstance,
  as: TestApp['as'],
): Promise<NorwegianProgramme> {
  const post = async (url: string, headers: { authorization: string }, payload: object, method = 'POST') => {
    const res = await app.inject({ method: method as 'POST', url, headers, payload });
    if (res.statusCode !== (method === 'POST' ? 201 : 200))
      throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const convenerName = 'Bufetat region øst';
  const convener = await post('/api/organisations', as.facilitator, { kind: 'other', name: convenerName });
  const areaName = 'Dialogområde Buskerud';
  const area = await post('/api/areas', as.facilitator, {
    name: areaName,
    kind: 'bufetat_dialog_area',
    convenerId: convener.id,
  });
  const members = [];
  for (const [code, name] of [
    ['3301', 'Drammen kommune'],
    ['3312', 'Lier kommune'],
  ] as const) {
    const m = await post('/api/organisations', as.facilitator, {
      kind: 'municipality',
      name,
      code,
      areaIds: [area.id],
    });
    members.push({ id: m.id as number, code, name });
  }
  await post('/api/programmes', as.admin, {
    key: 'no-dialogmoter',
    name: 'Dialogmøter barnevern og politi',
    language: 'nb',
    holidayCountry: 'NO',
    timeZone: 'Europe/Oslo',
    areaKind: 'bufetat_dialog_area',
    settings: {
      taxonomy: {
        agreementTypes: [
          { key: 'samarbeidsavtale', labels: { nb: 'Samarbeidsavtale', en: 'Cooperation agreement' } },
          { key: 'rutinebeskrivelse', labels: { nb: 'Rutinebeskrivelse' } },
        ],
        barrierCategories: [
          { key: 'taushetsplikt', labels: { nb: 'Uklar taushetsplikt', en: 'Unclear confidentiality' } },
          { key: 'ventetid', labels: { nb: 'Ventetid i avhør' } },
        ],
        forumLevels: [{ key: 'felles-forum', labels: { nb: 'Felles forum for regionen' } }],
      },
    },
  });
  // the test facilitator and viewer work in both programmes, as an admin would grant it
  const accounts = (await app.inject({ url: '/api/accounts', headers: as.admin })).json() as {
    id: number;
    email: string;
  }[];
  for (const role of ['facilitator', 'viewer'] as const)
    await post(
      `/api/accounts/${accounts.find((a) => a.email === `${role}@test.example`)!.id}/programmes`,
      as.admin,
      {
        programmes: [
          { programme: 'dk-politikredsmoeder', role },
          { programme: 'no-dialogmoter', role },
        ],
      },
      'PUT',
    );
  return { key: 'no-dialogmoter', areaId: area.id, areaName, convenerName, members };
}

/** The test facilitator and viewer work in these programmes besides the Danish one, as an admin grants it. */
export async function grantTestAccounts(app: FastifyInstance, as: TestApp['as'], keys: string[]) {
  const accounts = (await app.inject({ url: '/api/accounts', headers: as.admin })).json() as {
    id: number;
    email: string;
  }[];
  for (const role of ['facilitator', 'viewer'] as const) {
    const id = accounts.find((a) => a.email === `${role}@test.example`)!.id;
    const res = await app.inject({
      method: 'PUT',
      url: `/api/accounts/${id}/programmes`,
      headers: as.admin,
      payload: {
        programmes: ['dk-politikredsmoeder', ...keys].map((programme) => ({ programme, role })),
      },
    });
    if (res.statusCode !== 200) throw new Error(`grant: ${res.statusCode} ${res.body}`);
  }
}

/** A second area of the Norwegian programme's convener: one convener, two forums of one kind. */
export interface SecondArea {
  areaId: number;
  areaName: string;
  convenerId: number;
  member: { id: number; code: string; name: string };
}

/**
 * Gives the Norwegian programme's convener (Bufetat region øst) a second area of the same kind,
 * with a municipality of its own: the case of a ministry convening several regions.
 */
export async function secondAreaOfConvener(
  app: FastifyInstance,
  as: TestApp['as'],
  no: NorwegianProgramme,
): Promise<SecondArea> {
  const post = async (url: string, payload: object) => {
    const res = await app.inject({ method: 'POST', url, headers: as.facilitator, payload });
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const first = (await app.inject({ url: `/api/areas/${no.areaId}`, headers: as.viewer })).json();
  const areaName = 'Dialogområde Vestfold';
  const area = await post('/api/areas', { name: areaName, kind: first.kind, convenerId: first.convenerId });
  const code = '3905';
  const name = 'Tønsberg kommune';
  const m = await post('/api/organisations', { kind: 'municipality', name, code, areaIds: [area.id] });
  return { areaId: area.id, areaName, convenerId: first.convenerId, member: { id: m.id, code, name } };
}
