import { z } from 'zod';
import { areaMemberRoles, hostWillingnesses } from '../../db/schema/index.ts';
import { Text } from '../http/text.ts';
import { CreateTheme } from '../outcomes/schemas.ts';
import { CreateArea } from '../register/areas.ts';
import { CreateOrganisation, CreatePerson, CreateRole } from '../register/schemas.ts';
import { CreateOrganisationKind, CreateProgramme, CreateSector, LanguageCode } from './schemas.ts';

/**
 * A programme file: one programme with everything it needs to plan, invite and record outcomes —
 * the catalogue rows, organisations, areas and people — as `npm run cli -- programme:load`,
 * `POST /api/programmes/load` and the page /programmer/indlaes read it. Records in the file name
 * each other by `ref` (the database's ids do not exist yet); everything else is the API's own shape.
 */

/** A name the file gives an organisation so that areas, people and the programme can point at it. */
export const FileRef = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,59}$/, 'lower-case letters, digits, dashes and underscores')
  .describe("The file's own name for an organisation (not stored)");

export const FileOrganisation = CreateOrganisation.omit({ areaIds: true, parentId: true })
  .extend({
    ref: FileRef,
    parent: FileRef.optional().describe('ref of the organisation it belongs under (a unit under its police)'),
  })
  .describe('An organisation; one of the same kind and code already in the register is used instead');
export type FileOrganisation = z.infer<typeof FileOrganisation>;

export const FileAreaMember = z.strictObject({
  organisation: FileRef,
  memberRole: z.enum(areaMemberRoles).default('member'),
  hostWillingness: z.enum(hostWillingnesses).optional().describe('Default: not_asked'),
  willingToHost: z.boolean().optional().describe('Older files: true is willing, false not_willing'),
});

/** A convening area of the programme's area kind. */
export const FileArea = CreateArea.omit({ kind: true, convenerId: true, members: true }).extend({
  convener: FileRef,
  members: z.array(FileAreaMember).max(1000).default([]),
});
export type FileArea = z.infer<typeof FileArea>;

export const FilePerson = CreatePerson.omit({ organisationId: true, covers: true }).extend({
  organisation: FileRef,
  covers: z
    .array(FileRef)
    .max(500)
    .default([])
    .describe(
      'refs of the member organisations the person serves beyond their own (a liaison officer’s boroughs)',
    ),
  language: LanguageCode.optional().describe("A code from /api/languages; default: the programme's language"),
});
export type FilePerson = z.infer<typeof FilePerson>;

/** The programme itself: the API's CreateProgramme, with its owner named by ref. */
export const FileProgramme = CreateProgramme.omit({ ownerOrganisationId: true }).extend({
  owner: FileRef.nullable().default(null).describe('ref of the organisation that owns the programme'),
});
export type FileProgramme = z.infer<typeof FileProgramme>;

/** Rows the programme needs in the shared catalogues; a row whose key exists is used as it is. */
export const FileCatalogues = z.strictObject({
  sectors: z.array(CreateSector).max(100).default([]),
  organisationKinds: z.array(CreateOrganisationKind).max(100).default([]),
  roles: z.array(CreateRole).max(200).default([]),
});

export const PROGRAMME_FILE_FORMAT = 'samraad-programme/1';

const ProgrammeFileShape = z.strictObject({
  format: z.literal(PROGRAMME_FILE_FORMAT),
  notes: z
    .array(Text('reason'))
    .max(50)
    .default([])
    .describe(
      'Free text for the reader of the file (where it comes from, what a later version adds); not stored',
    ),
  programme: FileProgramme,
  themes: z
    .array(CreateTheme)
    .max(200)
    .default([])
    .describe(
      "The programme's themes: its meetings' agendas are offered them (and the themes every programme shares), other programmes' are not",
    ),
  catalogues: FileCatalogues.prefault({}),
  organisations: z.array(FileOrganisation).min(1).max(5000),
  areas: z.array(FileArea).min(1).max(5000),
  people: z.array(FilePerson).max(20_000).default([]),
});
type FileShape = z.infer<typeof ProgrammeFileShape>;

export const ProgrammeFile = ProgrammeFileShape.superRefine(refsResolve).meta({ id: 'ProgrammeFile' });
export type ProgrammeFile = z.infer<typeof ProgrammeFile>;

/** Every ref names an organisation of the file, each ref once, each email once: checked before anything is written. */
function refsResolve(file: FileShape, ctx: z.RefinementCtx): void {
  const refs = new Set<string>();
  file.organisations.forEach((o, i) => {
    if (refs.has(o.ref))
      ctx.addIssue({
        code: 'custom',
        path: ['organisations', i, 'ref'],
        message: `ref ${o.ref} is used twice`,
      });
    refs.add(o.ref);
  });
  const known = (ref: string | null | undefined, path: (string | number)[]) => {
    if (ref && !refs.has(ref))
      ctx.addIssue({ code: 'custom', path, message: `no organisation with ref ${ref} in the file` });
  };
  known(file.programme.owner, ['programme', 'owner']);
  const earlier = new Set<string>();
  for (const [i, o] of file.organisations.entries()) {
    if (o.parent && refs.has(o.parent) && !earlier.has(o.parent))
      ctx.addIssue({
        code: 'custom',
        path: ['organisations', i, 'parent'],
        message: `list ${o.parent} before the organisations under it`,
      });
    known(o.parent, ['organisations', i, 'parent']);
    earlier.add(o.ref);
  }
  for (const [i, a] of file.areas.entries()) {
    known(a.convener, ['areas', i, 'convener']);
    for (const [j, m] of a.members.entries())
      known(m.organisation, ['areas', i, 'members', j, 'organisation']);
  }
  const emails = new Map<string, number>();
  for (const [i, p] of file.people.entries()) {
    known(p.organisation, ['people', i, 'organisation']);
    for (const [j, c] of p.covers.entries()) known(c, ['people', i, 'covers', j]);
    const first = emails.get(p.email);
    if (first !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['people', i, 'email'],
        message: `the same email as people.${first}`,
      });
    else emails.set(p.email, i);
  }
  if (file.programme.settings.exclusiveMembership) exclusiveMembers(file, ctx);
}

/** A programme that keeps members exclusive: no organisation is a plain member of two of the file's areas. */
function exclusiveMembers(file: FileShape, ctx: z.RefinementCtx): void {
  const areaOf = new Map<string, number>();
  for (const [i, a] of file.areas.entries())
    for (const [j, m] of a.members.entries()) {
      if (m.memberRole !== 'member') continue;
      const other = areaOf.get(m.organisation);
      if (other !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['areas', i, 'members', j, 'organisation'],
          message: `${m.organisation} is already a member of areas.${other} and the programme keeps members exclusive`,
        });
      else areaOf.set(m.organisation, i);
    }
}

/** What loading a file did: the programme and how many rows of each kind were created or reused. */
export const ProgrammeLoadReport = z
  .object({
    programme: z.object({ id: z.number().int(), key: z.string(), name: z.string() }),
    created: z.object({
      sectors: z.number().int(),
      organisationKinds: z.number().int(),
      roles: z.number().int(),
      themes: z.number().int(),
      organisations: z.number().int(),
      areas: z.number().int(),
      people: z.number().int(),
    }),
    reused: z.object({
      sectors: z.number().int(),
      organisationKinds: z.number().int(),
      roles: z.number().int(),
      organisations: z.number().int(),
    }),
  })
  .meta({ id: 'ProgrammeLoadReport' });
export type ProgrammeLoadReport = z.infer<typeof ProgrammeLoadReport>;
