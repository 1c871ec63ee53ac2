import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { theme } from '../schema/index.ts';

/** The themes discussed at the politikredsmøder (seed 002, copied from DOMAIN.md). */
export const danishThemes: { key: string; name: string; nameEn: string }[] = [
  { key: '24-timers-reglen', name: '24-timers-reglen', nameEn: 'The 24-hour rule' },
  {
    key: 'fremrykket-boernesamtale',
    name: 'Den fremrykkede børnesamtale',
    nameEn: 'The advanced child interview',
  },
  {
    key: 'samtaler-primaer-sektor',
    name: 'Samtaler med børn i den primære sektor',
    nameEn: 'Talks with children in the primary sector',
  },
  {
    key: 'boernesamtale-uden-samtykke',
    name: 'Børnesamtalen uden forældres samtykke og tilstedeværelse',
    nameEn: "The child interview without the parents' consent and presence",
  },
  {
    key: 'partshoering-aktindsigt',
    name: 'Partshøringer og aktindsigt',
    nameEn: 'Hearing of parties and access to records',
  },
  {
    key: 'sagshaandtering-boerneperspektiv',
    name: 'Sagshåndtering og tiden i et børneperspektiv',
    nameEn: "Case handling and time from the child's perspective",
  },
  {
    key: 'vold-der-skal-anmeldes',
    name: 'Hvornår er vold mod børn vold der skal anmeldes (kommunernes hhv. politiets opgaver)',
    nameEn: 'When must violence against children be reported (the tasks of municipalities and police)',
  },
];

/**
 * The themes of seed 002, the Danish programme's (a programme file brings another programme's).
 * Idempotent: themes are found by seed key; a theme a facilitator edited or deleted stays so.
 */
export function seedThemes(db: Db, now: string, programmeId: number): { created: number; unchanged: number } {
  const report = { created: 0, unchanged: 0 };
  danishThemes.forEach((t, position) => {
    const seedKey = `dk:theme:${t.key}`;
    if (db.select({ id: theme.id }).from(theme).where(eq(theme.seedKey, seedKey)).get()) {
      report.unchanged++;
      return;
    }
    db.insert(theme)
      .values({
        name: t.name,
        nameEn: t.nameEn,
        position,
        seedKey,
        programmeId,
        createdAt: now,
        updatedAt: now,
      })
      .run();
    report.created++;
  });
  return report;
}
