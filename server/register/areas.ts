import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { area, areaMember, areaMemberRoles, organisation } from '../../db/schema/index.ts';
import type { Actor } from '../accounts/accounts.ts';
import { recordAudit } from '../audit/audit.ts';
import { Id, Timestamp } from '../http/common-schemas.ts';
import { badRequest, notFound } from '../http/problems.ts';
import { Text } from '../http/text.ts';
import { nowIso } from '../time.ts';
import { RegisterConflict } from './refusals.ts';
import { OrganisationKind } from './schemas.ts';

export const AreaMember = z.object({
  organisationId: z.number().int(),
  name: z.string(),
  kind: OrganisationKind,
  code: z.string().nullable(),
  memberRole: z.enum(areaMemberRoles),
  willingToHost: z.boolean(),
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
  willingToHost: z.boolean().default(true),
});

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
  const rows = db
    .select()
    .from(area)
    .where(kind ? eq(area.kind, kind) : undefined)
    .orderBy(asc(area.kind), asc(area.name))
    .all();
  return rows.map((row) => withMembers(db, row));
}

function withMembers(db: Db, row: typeof area.$inferSelect): Area {
  const members = db
    .select({
      organisationId: areaMember.organisationId,
      name: organisation.name,
      kind: organisation.kind,
      code: organisation.code,
      memberRole: areaMember.memberRole,
      willingToHost: areaMember.willingToHost,
    })
    .from(areaMember)
    .innerJoin(organisation, eq(organisation.id, areaMember.organisationId))
    .where(eq(areaMember.areaId, row.id))
    .orderBy(asc(areaMember.memberRole), asc(organisation.name))
    .all();
  const { seedKey: _s, editedAt: _e, ...rest } = row;
  return { ...rest, members };
}

export function getArea(db: Db, id: number): Area {
  const row = db.select().from(area).where(eq(area.id, id)).get();
  if (!row) throw notFound('Area', id);
  return withMembers(db, row);
}

function assertOrganisation(db: Db, id: number, field: string) {
  if (!db.select({ id: organisation.id }).from(organisation).where(eq(organisation.id, id)).get())
    throw badRequest(`Organisation ${id} does not exist`, [{ field, message: 'unknown organisation' }]);
}

function putMember(db: Db, target: typeof area.$inferSelect, member: z.infer<typeof MemberInput>) {
  assertOrganisation(db, member.organisationId, 'body.members.organisationId');
  if (member.memberRole === 'member') {
    const elsewhere = db
      .select({ areaId: areaMember.areaId })
      .from(areaMember)
      .where(
        and(
          eq(areaMember.organisationId, member.organisationId),
          eq(areaMember.areaKind, target.kind),
          eq(areaMember.memberRole, 'member'),
        ),
      )
      .get();
    if (elsewhere && elsewhere.areaId !== target.id)
      throw new RegisterConflict({
        kind: 'memberElsewhere',
        organisationId: member.organisationId,
        areaKind: target.kind,
        otherAreaId: elsewhere.areaId,
      });
  }
  db.insert(areaMember)
    .values({ areaId: target.id, areaKind: target.kind, ...member })
    .onConflictDoUpdate({
      target: [areaMember.areaId, areaMember.organisationId],
      set: { memberRole: member.memberRole, willingToHost: member.willingToHost },
    })
    .run();
}

/** A convening area of any kind: the Danish police district is one shape, a Norwegian office area another. */
export function createArea(db: Db, actor: Actor, input: CreateArea): Area {
  return db.transaction(() => {
    assertOrganisation(db, input.convenerId, 'body.convenerId');
    if (
      db
        .select({ id: area.id })
        .from(area)
        .where(and(eq(area.convenerId, input.convenerId), eq(area.kind, input.kind)))
        .get()
    )
      throw new RegisterConflict({
        kind: 'alreadyConvenes',
        organisationId: input.convenerId,
        areaKind: input.kind,
      });
    const now = nowIso();
    const row = db
      .insert(area)
      .values({
        name: input.name,
        kind: input.kind,
        convenerId: input.convenerId,
        createdAt: now,
        updatedAt: now,
        editedAt: now,
      })
      .returning()
      .get();
    putMember(db, row, { organisationId: input.convenerId, memberRole: 'convener', willingToHost: true });
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
    const target = db.select().from(area).where(eq(area.id, areaId)).get();
    if (!target) throw notFound('Area', areaId);
    putMember(db, target, { organisationId, ...input });
    db.update(area)
      .set({ version: target.version + 1, updatedAt: nowIso(), editedAt: nowIso() })
      .where(eq(area.id, areaId))
      .run();
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
    const target = db.select().from(area).where(eq(area.id, areaId)).get();
    if (!target) throw notFound('Area', areaId);
    if (organisationId === target.convenerId) throw new RegisterConflict({ kind: 'convenerLeaving' });
    const removed = db
      .delete(areaMember)
      .where(and(eq(areaMember.areaId, areaId), eq(areaMember.organisationId, organisationId)))
      .run();
    if (removed.changes === 0) throw notFound('Member', organisationId);
    db.update(area)
      .set({ version: target.version + 1, updatedAt: nowIso(), editedAt: nowIso() })
      .where(eq(area.id, areaId))
      .run();
    recordAudit(db, actor, {
      action: 'update',
      entity: 'area',
      entityId: areaId,
      changes: { removedMember: organisationId },
    });
    return getArea(db, areaId);
  });
}
