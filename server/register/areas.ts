import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { areaMemberRoles, type HostWillingness, hostWillingnesses } from '../../db/schema/index.ts';
import type { Actor } from '../accounts/accounts.ts';
import { recordAudit } from '../audit/audit.ts';
import { Id, Timestamp } from '../http/common-schemas.ts';
import { badRequest, notFound } from '../http/problems.ts';
import { Text } from '../http/text.ts';
import { membershipIsExclusive, programmeOfAreaKind } from '../programmes/programmes.ts';
import { nowIso } from '../time.ts';
import {
  type AreaRow,
  areaById,
  areaMembers,
  areasOfKind,
  deleteAreaMember,
  insertArea,
  memberAreaInProgramme,
  organisationExists,
  updateAreaRow,
  upsertAreaMember,
} from './queries/organisations.ts';
import { RegisterConflict } from './refusals.ts';
import { OrganisationKind } from './schemas.ts';

export const AreaMember = z.object({
  organisationId: z.number().int(),
  name: z.string(),
  kind: OrganisationKind,
  code: z.string().nullable(),
  memberRole: z.enum(areaMemberRoles),
  hostWillingness: z
    .enum(hostWillingnesses)
    .describe('Asked whether it will host: not_asked, willing, not_willing'),
  willingToHost: z.boolean().describe('Deprecated: hostWillingness is willing'),
});

export const Area = z
  .object({
    id: z.number().int(),
    name: z.string(),
    kind: z.string(),
    convenerId: z.number().int(),
    members: z.array(AreaMember),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Area' });
export type Area = z.infer<typeof Area>;

const MemberInput = z.strictObject({
  organisationId: Id,
  memberRole: z.enum(areaMemberRoles).default('member'),
  hostWillingness: z
    .enum(hostWillingnesses)
    .optional()
    .describe('Whether it said it will host (default for a new member: not_asked; unchanged otherwise)'),
  willingToHost: z
    .boolean()
    .optional()
    .describe('Deprecated: true is hostWillingness willing, false not_willing'),
});

/** The willingness a member input says, if any: hostWillingness, else the older boolean. */
export function willingnessOf(input: {
  hostWillingness?: HostWillingness;
  willingToHost?: boolean;
}): HostWillingness | undefined {
  if (input.hostWillingness) return input.hostWillingness;
  if (input.willingToHost === undefined) return undefined;
  return input.willingToHost ? 'willing' : 'not_willing';
}

export const CreateArea = z.strictObject({
  name: Text('name').min(1),
  kind: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,49}$/, 'lower-case letters, digits and underscores')
    .describe('e.g. police_district, family_counselling_office, child_welfare_region'),
  convenerId: Id,
  members: z.array(MemberInput).max(1000).default([]),
});
export type CreateArea = z.infer<typeof CreateArea>;

export const SetMember = MemberInput.omit({ organisationId: true });

export function listAreas(db: Db, kind?: string): Area[] {
  const rows = areasOfKind(db, kind);
  return rows.map((row) => withMembers(db, row));
}

function withMembers(db: Db, row: AreaRow): Area {
  const members = areaMembers(db, row.id).map((m) => ({
    ...m,
    willingToHost: m.hostWillingness === 'willing',
  }));
  const { seedKey: _s, editedAt: _e, ...rest } = row;
  return { ...rest, members };
}

export function getArea(db: Db, id: number): Area {
  const row = areaById(db, id);
  if (!row) throw notFound('Area', id);
  return withMembers(db, row);
}

function assertOrganisation(db: Db, id: number, field: string) {
  if (!organisationExists(db, id))
    throw badRequest(`Organisation ${id} does not exist`, [{ field, message: 'unknown organisation' }]);
}

/**
 * Refuses a plain member that is already a member of another of the programme's areas, when the
 * programme keeps members exclusive (a Danish municipality belongs to one police district). Other
 * areas may overlap: Frogner is served by two Oslo police units.
 */
export function assertMemberMayJoin(db: Db, target: AreaRow, organisationId: number, report: number | null) {
  if (target.programmeId === null || !membershipIsExclusive(db, target.programmeId)) return;
  const elsewhere = memberAreaInProgramme(db, organisationId, target.programmeId, target.id);
  if (elsewhere !== undefined)
    throw new RegisterConflict({
      kind: 'memberElsewhere',
      organisationId: report,
      areaKind: target.kind,
      otherAreaId: report === null ? null : elsewhere,
    });
}

function putMember(db: Db, target: AreaRow, member: z.infer<typeof MemberInput>) {
  assertOrganisation(db, member.organisationId, 'body.members.organisationId');
  if (member.memberRole === 'member')
    assertMemberMayJoin(db, target, member.organisationId, member.organisationId);
  upsertAreaMember(db, {
    areaId: target.id,
    areaKind: target.kind,
    organisationId: member.organisationId,
    memberRole: member.memberRole,
    hostWillingness: willingnessOf(member),
  });
}

/** A convening area of any kind: the Danish police district is one shape, a Norwegian office area another. */
export function createArea(db: Db, actor: Actor, input: CreateArea): Area {
  return db.transaction(() => {
    assertOrganisation(db, input.convenerId, 'body.convenerId');
    const now = nowIso();
    const row = insertArea(db, {
      name: input.name,
      kind: input.kind,
      // the programme that convenes areas of this kind holds the new one (none: it waits for one)
      programmeId: programmeOfAreaKind(db, input.kind)?.id ?? null,
      convenerId: input.convenerId,
      createdAt: now,
      updatedAt: now,
      editedAt: now,
    });
    putMember(db, row, { organisationId: input.convenerId, memberRole: 'convener' });
    for (const member of input.members) putMember(db, row, member);
    recordAudit(db, actor, { action: 'create', entity: 'area', entityId: row.id, changes: input });
    return withMembers(db, row);
  });
}

export function setAreaMember(
  db: Db,
  actor: Actor,
  areaId: number,
  organisationId: number,
  input: z.infer<typeof SetMember>,
): Area {
  return db.transaction(() => {
    const target = areaById(db, areaId);
    if (!target) throw notFound('Area', areaId);
    putMember(db, target, { organisationId, ...input });
    updateAreaRow(db, areaId, { version: target.version + 1, updatedAt: nowIso(), editedAt: nowIso() });
    recordAudit(db, actor, {
      action: 'update',
      entity: 'area',
      entityId: areaId,
      changes: { member: { organisationId, ...input } },
    });
    return getArea(db, areaId);
  });
}

export function removeAreaMember(db: Db, actor: Actor, areaId: number, organisationId: number): Area {
  return db.transaction(() => {
    const target = areaById(db, areaId);
    if (!target) throw notFound('Area', areaId);
    if (organisationId === target.convenerId) throw new RegisterConflict({ kind: 'convenerLeaving' });
    const removed = deleteAreaMember(db, areaId, organisationId);
    if (removed === 0) throw notFound('Member', organisationId);
    updateAreaRow(db, areaId, { version: target.version + 1, updatedAt: nowIso(), editedAt: nowIso() });
    recordAudit(db, actor, {
      action: 'update',
      entity: 'area',
      entityId: areaId,
      changes: { removedMember: organisationId },
    });
    return getArea(db, areaId);
  });
}
