import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../accounts/accounts.ts';
import { diff, recordAudit } from '../audit/audit.ts';
import { assertVersion, notFound } from '../http/problems.ts';
import { assertSector } from '../programmes/catalogues.ts';
import { nowIso } from '../time.ts';
import {
  deleteRoleRow,
  insertRole,
  type RoleRow,
  roleById,
  roleHolders,
  roleKeyTaken,
  roleRows,
  updateRoleRow,
} from './queries/organisations.ts';
import { RegisterConflict } from './refusals.ts';
import type { CreateRole, Role, UpdateRole } from './schemas.ts';

function toRole(row: RoleRow): Role {
  const { seedKey: _s, editedAt: _e, createdAt: _c, updatedAt: _u, ...rest } = row;
  return rest;
}

export function listRoles(db: Db): Role[] {
  return roleRows(db).map(toRole);
}

/** Whether the catalogue has a role with this key. */
export const roleWithKey = (db: Db, key: string): boolean => roleKeyTaken(db, key);

function findRow(db: Db, id: number): RoleRow {
  const row = roleById(db, id);
  if (!row) throw notFound('Role', id);
  return row;
}

export function createRole(db: Db, actor: Actor, input: z.infer<typeof CreateRole>): Role {
  return db.transaction(() => {
    assertSector(db, input.side);
    if (roleKeyTaken(db, input.key)) throw new RegisterConflict({ kind: 'roleKeyTaken', key: input.key });
    const now = nowIso();
    const row = insertRole(db, { ...input, createdAt: now, updatedAt: now, editedAt: now });
    recordAudit(db, actor, { action: 'create', entity: 'role', entityId: row.id, changes: input });
    return toRole(row);
  });
}

export function updateRole(db: Db, actor: Actor, id: number, input: z.infer<typeof UpdateRole>): Role {
  return db.transaction(() => {
    const before = findRow(db, id);
    assertVersion('Role', before.version, input.version);
    if (input.side !== undefined) assertSector(db, input.side);
    const { version: _v, ...fields } = input;
    const changes = diff(before, fields);
    if (Object.keys(changes).length === 0) return toRole(before);
    const now = nowIso();
    const row = updateRoleRow(db, id, {
      ...fields,
      version: before.version + 1,
      updatedAt: now,
      editedAt: now,
    });
    recordAudit(db, actor, { action: 'update', entity: 'role', entityId: id, changes });
    return toRole(row);
  });
}

export function deleteRole(db: Db, actor: Actor, id: number): void {
  db.transaction(() => {
    const before = findRow(db, id);
    const holders = roleHolders(db, id);
    if (holders > 0) throw new RegisterConflict({ kind: 'roleHeld', key: before.key, holders });
    deleteRoleRow(db, id);
    recordAudit(db, actor, { action: 'delete', entity: 'role', entityId: id, changes: toRole(before) });
  });
}
