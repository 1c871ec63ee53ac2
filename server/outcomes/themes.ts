import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { theme } from '../../db/schema/index.ts';
import { prepared } from '../../db/statements.ts';
import type { Actor } from '../accounts/accounts.ts';
import { diff, recordAudit } from '../audit/audit.ts';
import { assertVersion, notFound } from '../http/problems.ts';
import { nowIso } from '../time.ts';
import type { CreateTheme, Theme, UpdateTheme } from './schemas.ts';

type ThemeRow = typeof theme.$inferSelect;

function toTheme({ seedKey, editedAt: _e, createdAt: _c, updatedAt: _u, ...rest }: ThemeRow): Theme {
  return { ...rest, isReferenceData: seedKey !== null };
}

export function listThemes(db: Db, includeInactive = false): Theme[] {
  return db
    .select()
    .from(theme)
    .where(includeInactive ? undefined : eq(theme.active, true))
    .orderBy(asc(theme.position), asc(theme.id))
    .all()
    .map(toTheme);
}

function findRow(db: Db, id: number): ThemeRow {
  const row = db.select().from(theme).where(eq(theme.id, id)).get();
  if (!row) throw notFound('Theme', id);
  return row;
}

export function getTheme(db: Db, id: number): Theme {
  return toTheme(findRow(db, id));
}

export function createTheme(db: Db, actor: Actor, input: CreateTheme): Theme {
  return db.transaction(() => {
    const now = nowIso();
    const position =
      input.position ??
      prepared<{ p: number }>(db, 'SELECT coalesce(max(position), -1) + 1 AS p FROM theme').get()?.p ??
      0;
    const row = db
      .insert(theme)
      .values({ ...input, position, createdAt: now, updatedAt: now, editedAt: now })
      .returning()
      .get();
    recordAudit(db, actor, { action: 'create', entity: 'theme', entityId: row.id, changes: input });
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
    const row = db
      .update(theme)
      .set({ ...fields, version: before.version + 1, updatedAt: now, editedAt: now })
      .where(eq(theme.id, id))
      .returning()
      .get();
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
      db.update(theme)
        .set({ active: false, version: before.version + 1, updatedAt: now, editedAt: now })
        .where(eq(theme.id, id))
        .run();
    else db.delete(theme).where(eq(theme.id, id)).run();
    recordAudit(db, actor, { action: 'delete', entity: 'theme', entityId: id, changes: toTheme(before) });
  });
}
