import { eq } from 'drizzle-orm';
import { da } from '../../server/text/catalogues/da.ts';
import { en } from '../../server/text/catalogues/en.ts';
import { nb } from '../../server/text/catalogues/nb.ts';
import type { Db } from '../client.ts';
import {
  agreementTypes,
  barrierCategories,
  forumLevels,
  type Labels,
  organisationKind,
  programme,
  sector,
} from '../schema/index.ts';

/** Sectors of the programmes in DOMAIN.md; the first five are the sides roles had before catalogues. */
const sectors: { key: string; labels: Labels }[] = [
  { key: 'police', labels: { da: 'Politi', nb: 'Politi', en: 'Police' } },
  { key: 'municipal', labels: { da: 'Kommune', nb: 'Kommune', en: 'Municipality' } },
  { key: 'childrens_house', labels: { da: 'Børnehus', nb: 'Barnehus', en: "Children's house" } },
  { key: 'facilitator', labels: { da: 'Facilitator', nb: 'Tilrettelegger', en: 'Facilitator' } },
  { key: 'other', labels: { da: 'Andet', nb: 'Annet', en: 'Other' } },
  { key: 'child_welfare', labels: { da: 'Børne- og familieområdet', nb: 'Barnevern', en: 'Child welfare' } },
  {
    key: 'family_counselling',
    labels: { da: 'Familierådgivning', nb: 'Familievern', en: 'Family counselling' },
  },
  { key: 'ministry', labels: { da: 'Ministerium', nb: 'Departement', en: 'Ministry' } },
  {
    key: 'user_organisation',
    labels: { da: 'Brugerorganisation', nb: 'Brukerorganisasjon', en: 'User organisation' },
  },
];

/** Organisation kinds: the Danish ones the register had, and those the Norwegian seeds name. */
const organisationKinds: { key: string; labels: Labels; sectorKey: string | null }[] = [
  ...(
    [
      'police_district',
      'municipality',
      'childrens_house',
      'local_police_unit',
      'facilitator_body',
      'other',
    ] as const
  ).map((key) => ({
    key,
    labels: { da: da.labels.organisationKind[key], en: en.labels.organisationKind[key] } as Labels,
    sectorKey: (
      {
        police_district: 'police',
        municipality: 'municipal',
        childrens_house: 'childrens_house',
        local_police_unit: 'police',
        facilitator_body: 'facilitator',
        other: null,
      } as const
    )[key],
  })),
  { key: 'borough', labels: { da: 'Bydel', nb: 'Bydel', en: 'Borough' }, sectorKey: 'municipal' },
  {
    key: 'child_welfare_service',
    labels: { da: 'Børne- og familieforvaltning', nb: 'Barneverntjeneste', en: 'Child welfare service' },
    sectorKey: 'child_welfare',
  },
  {
    key: 'family_counselling_office',
    labels: { da: 'Familierådgivning', nb: 'Familievernkontor', en: 'Family counselling office' },
    sectorKey: 'family_counselling',
  },
  {
    key: 'ministry',
    labels: { da: 'Ministerium', nb: 'Departement', en: 'Ministry' },
    sectorKey: 'ministry',
  },
  { key: 'region', labels: { da: 'Region', nb: 'Region', en: 'Region' }, sectorKey: null },
  {
    key: 'user_organisation',
    labels: { da: 'Brugerorganisation', nb: 'Brukerorganisasjon', en: 'User organisation' },
    sectorKey: 'user_organisation',
  },
];

const entries = <K extends string>(
  keys: readonly K[],
  daLabels: Record<K, string>,
  enLabels: Record<K, string>,
  nbLabels: Record<K, string>,
) => keys.map((key) => ({ key, labels: { da: daLabels[key], en: enLabels[key], nb: nbLabels[key] } }));

/** The Danish politikredsmøder's settings: the taxonomy of seed 002 and the planner's Danish defaults. */
export const danishProgrammeSettings = {
  audience: [],
  exclusiveMembership: true,
  taxonomy: {
    agreementTypes: entries(
      agreementTypes,
      da.labels.agreementType,
      en.labels.agreementType,
      nb.labels.agreementType,
    ),
    barrierCategories: entries(
      barrierCategories,
      da.labels.barrierCategory,
      en.labels.barrierCategory,
      nb.labels.barrierCategory,
    ),
    forumLevels: entries(forumLevels, da.labels.forumLevel, en.labels.forumLevel, nb.labels.forumLevel),
  },
  planning: {
    meetingsPerArea: 1,
    weekdays: [2, 3, 4],
    startTime: '09:30',
    endTime: '13:00',
    blackoutWeeks: [7, 42],
    blackoutMonths: [7],
    blackoutRanges: [{ from: '12-20', to: '01-03' }],
    blackoutDates: [],
    // Grundlovsdag and Monday–Wednesday before Easter: days off for many, dates computed per year
    blackoutDays: ['constitution_day', 'days_before_easter'],
    maxPerWeek: 2,
    minDaysBetween: 2,
    historyWindowWeeks: 4,
    capacity: null,
    areaOrder: 'near_last_year',
    fixedAreaOrder: [],
  },
};

const DANISH_PROGRAMME_SEED = 'dk:programme:politikredsmoeder';
/** "Politikredsmøde 2027 – Fyns Politi", "Politikredsmøde 2027 (2/2) – Fyns Politi". */
const DANISH_TITLE_PATTERN = 'Politikredsmøde {year}{sequence} – {area}';

/** The Danish programme's id; its row is made by migration 0010, so it is always there. */
export const danishProgrammeId = (db: Db): number =>
  db.select({ id: programme.id }).from(programme).where(eq(programme.seedKey, DANISH_PROGRAMME_SEED)).get()!
    .id;

/**
 * Catalogue rows and the Danish programme. The programme's row itself comes from migration 0010 (so a
 * database of an earlier release moves into it); the seed fills in its settings until an admin edits them.
 */
export function seedProgrammes(db: Db, now: string): number {
  let created = 0;
  for (const s of sectors)
    created += db
      .insert(sector)
      .values({ ...s, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .run().changes;
  for (const k of organisationKinds)
    created += db
      .insert(organisationKind)
      .values({ ...k, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .run().changes;
  const danish = db.select().from(programme).where(eq(programme.seedKey, DANISH_PROGRAMME_SEED)).get();
  const seeded = { settings: danishProgrammeSettings, titlePattern: DANISH_TITLE_PATTERN };
  const differs =
    danish &&
    (JSON.stringify(danish.settings) !== JSON.stringify(seeded.settings) ||
      danish.titlePattern !== seeded.titlePattern);
  if (danish && !danish.editedAt && differs)
    db.update(programme)
      .set({ ...seeded, updatedAt: now })
      .where(eq(programme.id, danish.id))
      .run();
  else if (danish?.editedAt) addNamedBlackoutDays(db, danish.id, danish.settings, now);
  return created;
}

/**
 * An admin-edited Danish programme saved before the named blackout days existed gets the Danish
 * ones once: its planning settings have no `blackoutDays` at all (an empty list is a lifted one).
 */
function addNamedBlackoutDays(db: Db, id: number, stored: unknown, now: string): void {
  const planning = (stored as { planning?: Record<string, unknown> } | null)?.planning;
  if (!planning || 'blackoutDays' in planning) return;
  const settings = {
    ...(stored as object),
    planning: { ...planning, blackoutDays: danishProgrammeSettings.planning.blackoutDays },
  };
  db.update(programme).set({ settings, updatedAt: now }).where(eq(programme.id, id)).run();
}
