import type { Db } from '../../db/client.ts';
import type { Actor } from '../accounts/accounts.ts';
import { diff, recordAudit } from '../audit/audit.ts';
import { assertVersion, notFound } from '../http/problems.ts';
import { nowIso } from '../time.ts';
import {
  deleteThemeRow,
  insertTheme,
  nextThemePosition,
  type ThemeRow,
  themeById,
  themeRows,
  updateThemeRow,
} from './queries/references.ts';
import type { CreateTheme, Theme, UpdateTheme } from './schemas.ts';

function toTheme({ seedKey, editedAt: _e, createdAt: _c, updatedAt: _u, ...rest }: ThemeRow): Theme {
  return { ...rest, isReferenceData: seedKey !== null };
}

export function listThemes(db: Db, includeInactive = false): Theme[] {
  return themeRows(db, includeInactive).map(toTheme);
}

function findRow(db: Db, id: number): ThemeRow {
  const row = themeById(db, id);
  if (!row) throw notFound('Theme', id);
  return row;
}

export function getTheme(db: Db, id: number): Theme {
  return toTheme(findRow(db, id));
}

/** A theme for every programme's meetings, or (`programmeId`) for one programme's only. */
export function createTheme(
  db: Db,
  actor: Actor,
  input: CreateTheme,
  programmeId: number | null = null,
): Theme {
  return db.transaction(() => {
    const now = nowIso();
    const position = input.position ?? nextThemePosition(db);
    const row = insertTheme(db, {
      ...input,
      programmeId,
      position,
      createdAt: now,
      updatedAt: now,
      editedAt: now,
    });
    recordAudit(db, actor, {
      action: 'create',
      entity: 'theme',
      entityId: row.id,
      changes: programmeId === null ? input : { ...input, programmeId },
    });
    return toTheme(row);
  });
}

export function updateTheme(db: Db, actor: Actor, id: number, input: UpdateTheme): Theme {
  return db.transaction(() => {
    const before = findRow(db, id);
    assertVersion('Theme', before.version, input.version);
    const { version: _v, ...fields } = input;
    const changes = diff(before, fields);
    if (Object.keys(changes).length === 0) return toTheme(before);
    const now = nowIso();
    const row = updateThemeRow(db, id, {
      ...fields,
      version: before.version + 1,
      updatedAt: now,
      editedAt: now,
    });
    recordAudit(db, actor, { action: 'update', entity: 'theme', entityId: id, changes });
    return toTheme(row);
  });
}

/** A seeded theme is only deactivated (seeding would bring it back); one of the facilitator's own goes. */
export function deleteTheme(db: Db, actor: Actor, id: number): void {
  db.transaction(() => {
    const before = findRow(db, id);
    const now = nowIso();
    if (before.seedKey)
      updateThemeRow(db, id, { active: false, version: before.version + 1, updatedAt: now, editedAt: now });
    else deleteThemeRow(db, id);
    recordAudit(db, actor, { action: 'delete', entity: 'theme', entityId: id, changes: toTheme(before) });
  });
}
