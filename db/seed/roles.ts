import type { RoleLevel, Side } from '../schema/register.ts';

export interface SeedRole {
  key: string;
  name: string;
  nameEn: string;
  level: RoleLevel;
  side: Side;
  inDefaultAudience: boolean;
}

/** The roles invited to a politikredsmøde (seed 002, slide 5): leadership and practice level on both sides. */
export const danishRoles: SeedRole[] = [
  {
    key: 'boerne-ungechef',
    name: 'Børne- og ungechef',
    nameEn: 'Head of children and youth services',
    level: 'leadership',
    side: 'municipal',
    inDefaultAudience: true,
  },
  {
    key: 'afdelingsleder',
    name: 'Afdelingsleder',
    nameEn: 'Head of department',
    level: 'leadership',
    side: 'municipal',
    inDefaultAudience: true,
  },
  {
    key: 'teamleder',
    name: 'Teamleder',
    nameEn: 'Team leader',
    level: 'leadership',
    side: 'municipal',
    inDefaultAudience: true,
  },
  {
    key: 'faglig-koordinator',
    name: 'Faglig koordinator',
    nameEn: 'Professional coordinator',
    level: 'practice',
    side: 'municipal',
    inDefaultAudience: true,
  },
  {
    key: 'kommunal-sagsbehandler',
    name: 'Sagsbehandler (kommune)',
    nameEn: 'Case worker (municipality)',
    level: 'practice',
    side: 'municipal',
    inDefaultAudience: true,
  },
  {
    key: 'leder-personfarlig-kriminalitet',
    name: 'Leder af den centrale afdeling for personfarlig kriminalitet',
    nameEn: 'Head of the central unit for crimes against the person',
    level: 'leadership',
    side: 'police',
    inDefaultAudience: true,
  },
  {
    key: 'sektionsleder',
    name: 'Sektionsleder',
    nameEn: 'Section leader',
    level: 'leadership',
    side: 'police',
    inDefaultAudience: true,
  },
  {
    key: 'leder-lokal-politienhed',
    name: 'Leder af lokal politienhed',
    nameEn: 'Head of local police unit',
    level: 'leadership',
    side: 'police',
    inDefaultAudience: true,
  },
  {
    key: 'politi-sagsbehandler',
    name: 'Sagsbehandler (politi)',
    nameEn: 'Case worker (police)',
    level: 'practice',
    side: 'police',
    inDefaultAudience: true,
  },
  {
    key: 'videoafhoerer',
    name: 'Videoafhører',
    nameEn: 'Video interviewer',
    level: 'practice',
    side: 'police',
    inDefaultAudience: true,
  },
  {
    key: 'leder-boernehus',
    name: 'Leder af børnehus',
    nameEn: "Head of children's house",
    level: 'leadership',
    side: 'childrens_house',
    inDefaultAudience: true,
  },
  {
    key: 'facilitator',
    name: 'Facilitator',
    nameEn: 'Facilitator',
    level: 'leadership',
    side: 'facilitator',
    inDefaultAudience: false,
  },
];
