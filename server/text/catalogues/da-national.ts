/**
 * The national report's words for what the Danish model reports (catalogue.ts derives
 * `NationalReportTexts` from it): forum levels, barrier categories, participation, municipal
 * turnout, themes, agreements, lessons and evaluation, each beside last year.
 */
export const daNational = {
  notHeldYet: 'ikke afholdt endnu',
  notHeld: 'ikke afholdt',
  areas: 'politikredse',
  otherAreas: 'områder',
  ofTotal: (n: number, total: number, what: string) => `${n} af ${total} ${what}`,
  municipalities: 'kommuner',
  members: 'medlemsorganisationer',
  municipalTurnout: 'Kommunal deltagelse',
  memberTurnout: 'Medlemsorganisationer repræsenteret',
  forumLevels: 'Forumniveau',
  notMapped: 'Ikke kortlagt',
  barrierCategories: 'Samarbejdsbarrierer efter kategori',
  barriersPerArea: 'Samarbejdsbarrierer pr. politikreds og kategori',
  barriersPerOtherArea: 'Samarbejdsbarrierer pr. område og kategori',
  participation: 'Deltagelse efter niveau og side',
  themes: 'Drøftede temaer',
  meetingsDiscussing: 'Møder',
  noThemes: 'Ingen temaer registreret på møderne.',
  newAgreements: 'Aftaler indgået i året efter type',
  lessons: 'Erfaringer',
  noLessons: 'Ingen erfaringer noteret.',
  evaluation: 'Evaluering',
  responseRate: 'Svarprocent',
  answered: (answered: number, asked: number) => `${answered} af ${asked} har svaret`,
  evaluationHidden: (min: number) => `Resultaterne vises, når mindst ${min} har svaret.`,
  mean: 'Gennemsnit (1–5)',
  figure: 'Opgørelse',
  modelTitle: 'Overblik',
};
