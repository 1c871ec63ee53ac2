import { z } from 'zod';
import { roleLevels } from '../../db/schema/index.ts';
import { Id, Pagination, pageOf, Timestamp, Version } from '../http/common-schemas.ts';
import { Text, type TextKind } from '../http/text.ts';
import { LanguageCode } from '../programmes/schemas.ts';

const Name = Text('name').min(1);
const OptionalText = (kind: TextKind) => Text(kind).nullable().optional();

export const OrganisationKind = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,59}$/, 'a key from /api/organisation-kinds')
  .describe('A key from /api/organisation-kinds (police_district, municipality, borough, …)');
const SectorKey = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,59}$/, 'a key from /api/sectors')
  .describe('A key from /api/sectors (police, municipal, child_welfare, …)');

export const OrganisationRef = z.object({
  id: z.number().int(),
  kind: OrganisationKind,
  name: z.string(),
  code: z.string().nullable(),
});

export const Organisation = z
  .object({
    id: z.number().int(),
    kind: OrganisationKind,
    name: z.string(),
    code: z.string().nullable(),
    region: z.string().nullable(),
    address: z.string().nullable(),
    parentId: z.number().int().nullable(),
    isReferenceData: z.boolean(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Organisation' });
export type Organisation = z.infer<typeof Organisation>;

export const CreateOrganisation = z.strictObject({
  kind: OrganisationKind,
  name: Name,
  code: OptionalText('code'),
  region: OptionalText('name'),
  address: OptionalText('line'),
  parentId: Id.nullable().optional(),
  /** Convening areas (by id) to join as a member. */
  areaIds: z.array(Id).max(50).optional(),
});
export type CreateOrganisation = z.infer<typeof CreateOrganisation>;

export const UpdateOrganisation = CreateOrganisation.omit({ kind: true, areaIds: true })
  .partial()
  .extend({ version: Version });
export type UpdateOrganisation = z.infer<typeof UpdateOrganisation>;

export const OrganisationQuery = z.strictObject({
  ...Pagination,
  kind: OrganisationKind.optional(),
  district: Text('code').optional().describe('Police district code: organisations of its area'),
  q: Text('search').optional().describe('Part of the name'),
});
export const OrganisationList = pageOf(Organisation).meta({ id: 'OrganisationList' });

export const Role = z
  .object({
    id: z.number().int(),
    key: z.string(),
    name: z.string(),
    nameEn: z.string(),
    level: z.enum(roleLevels),
    side: SectorKey,
    inDefaultAudience: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'Role' });
export type Role = z.infer<typeof Role>;

export const RoleKey = z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'lower-case letters, digits and dashes');

export const CreateRole = z.strictObject({
  key: RoleKey,
  name: Name,
  nameEn: Name,
  level: z.enum(roleLevels),
  side: SectorKey,
  inDefaultAudience: z.boolean().default(true),
});
export const UpdateRole = CreateRole.omit({ key: true }).partial().extend({ version: Version });

export const PersonRole = z.object({ key: z.string(), name: z.string(), level: z.enum(roleLevels) });

export const Person = z
  .object({
    id: z.number().int(),
    name: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    title: z.string().nullable(),
    organisation: OrganisationRef,
    roles: z.array(PersonRole),
    covers: z
      .array(z.number().int())
      .describe('Member organisations the person serves beyond their own (a liaison officer’s boroughs)'),
    isFixedContact: z.boolean(),
    language: z.string().describe('A code from /api/languages'),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Person' });
export type Person = z.infer<typeof Person>;

export const Email = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());
export const Phone = z
  .string()
  .trim()
  .max(40)
  .regex(/^\+?[0-9 ()-]{4,}$/, 'digits, spaces, dashes and an optional leading +');

export const CreatePerson = z.strictObject({
  name: Name,
  email: Email,
  phone: Phone.nullable().optional(),
  title: OptionalText('name'),
  organisationId: Id,
  roles: z.array(RoleKey).max(20).default([]).describe('Role keys from the catalogue'),
  covers: z
    .array(Id)
    .max(500)
    .optional()
    .describe('Ids of member organisations the person serves beyond their own (coverage)'),
  isFixedContact: z.boolean().default(false),
  language: LanguageCode.default('da').describe('A code from /api/languages (da, en, nb, …)'),
});
export type CreatePerson = z.infer<typeof CreatePerson>;

export const UpdatePerson = z.strictObject({
  name: Name.optional(),
  email: Email.optional(),
  phone: Phone.nullable().optional(),
  title: OptionalText('name'),
  organisationId: Id.optional(),
  roles: z.array(RoleKey).max(20).optional(),
  covers: z.array(Id).max(500).optional(),
  isFixedContact: z.boolean().optional(),
  language: LanguageCode.optional().describe('A code from /api/languages'),
  version: Version,
});
export type UpdatePerson = z.infer<typeof UpdatePerson>;

export const PersonQuery = z.strictObject({
  ...Pagination,
  organisation: Id.optional().describe('Organisation id'),
  district: Text('code').optional().describe('Police district code: people of its area'),
  role: RoleKey.optional(),
  q: Text('search').optional().describe('Part of the name or email'),
});
export type PersonQuery = z.infer<typeof PersonQuery>;
export const PersonList = pageOf(Person).meta({ id: 'PersonList' });

export const Municipality = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    region: z.string().nullable(),
    districtCode: z.string(),
  })
  .meta({ id: 'Municipality' });

export const DistrictSummary = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    headquarters: z.string().nullable(),
    areaId: z.number().int(),
    municipalityCount: z.number().int(),
  })
  .meta({ id: 'DistrictSummary' });

export const District = DistrictSummary.extend({
  municipalities: z.array(Municipality),
  childrensHouses: z.array(OrganisationRef.extend({ address: z.string().nullable() })),
}).meta({ id: 'District' });
export type District = z.infer<typeof District>;
