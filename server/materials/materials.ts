import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../accounts/accounts.ts';
import { programmesOfRecord } from '../accounts/queries/scope.ts';
import { findInvitationByAnswerToken } from '../answers/tokens.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Config } from '../config.ts';
import { notFound } from '../http/problems.ts';
import { meetingRecord } from '../planning/meetings.ts';
import { nowIso } from '../time.ts';
import {
  deleteMaterialRow,
  insertMaterial,
  type MaterialRow,
  materialOfMeeting,
  materialsOfMeeting,
} from './queries.ts';
import { MaterialRefused } from './refusals.ts';

export type { MaterialRow };

/** The audit log names a material's change by its meeting's programme. */
const programmeOfMeeting = (db: Db, meetingId: number) =>
  programmesOfRecord(db, 'meeting', meetingId)?.[0] ?? null;
export type MaterialsConfig = Pick<Config, 'DATABASE_PATH' | 'MATERIALS_DIR' | 'MATERIALS_MAX_BYTES'>;

/** The file types a meeting's materials may have, by extension: what slides, guidance and templates come as. */
export const materialTypes: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  txt: 'text/plain; charset=utf-8',
};
export const materialExtensions = Object.keys(materialTypes);

/** MATERIALS_DIR, else `materials` beside the database file (so a backup of the data folder holds it). */
export function materialsDir(config: Pick<Config, 'DATABASE_PATH' | 'MATERIALS_DIR'>): string {
  return resolve(config.MATERIALS_DIR ?? join(dirname(config.DATABASE_PATH), 'materials'));
}

/** A file name as given, without any folder part or control characters, at most 200 characters. */
function cleanName(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  return (
    base
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
      .replace(/[\u0000-\u001f\u007f]/g, '')
      .trim()
      .slice(-200)
  );
}

export interface Upload {
  filename: string;
  file: Readable & { truncated?: boolean };
}

/**
 * Keeps an uploaded file as one of the meeting's materials: written to a temporary name in the
 * materials folder, then renamed and recorded in one step. A type not on the list, or a file over
 * MATERIALS_MAX_BYTES, is refused and leaves nothing behind.
 */
export async function saveMaterial(
  db: Db,
  config: MaterialsConfig,
  actor: Actor,
  meetingId: number,
  upload: Upload,
): Promise<MaterialRow> {
  meetingRecord(db, meetingId);
  const filename = cleanName(upload.filename);
  const ext = extname(filename).slice(1).toLowerCase();
  if (!filename || !materialTypes[ext]) {
    upload.file.resume();
    throw new MaterialRefused({ kind: 'typeRefused', allowed: materialExtensions });
  }
  const dir = materialsDir(config);
  mkdirSync(dir, { recursive: true });
  const storedName = `${randomUUID()}.${ext}`;
  const temporary = join(dir, `.upload-${storedName}`);
  const hash = createHash('sha256');
  let size = 0;
  upload.file.on('data', (chunk: Buffer) => {
    size += chunk.length;
    hash.update(chunk);
  });
  try {
    await pipeline(upload.file, createWriteStream(temporary, { flags: 'wx' })).catch((error) => {
      throw (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE'
        ? new MaterialRefused({ kind: 'tooLarge', maxBytes: config.MATERIALS_MAX_BYTES })
        : error;
    });
    if (upload.file.truncated || size > config.MATERIALS_MAX_BYTES)
      throw new MaterialRefused({ kind: 'tooLarge', maxBytes: config.MATERIALS_MAX_BYTES });
    return db.transaction(() => {
      const row = insertMaterial(db, {
        meetingId,
        filename,
        contentType: materialTypes[ext]!,
        size,
        storedName,
        sha256: hash.digest('hex'),
        uploadedBy: actor.email,
        createdAt: nowIso(),
      });
      recordAudit(db, actor, {
        action: 'create',
        entity: 'meeting_material',
        entityId: row.id,
        programmeId: programmeOfMeeting(db, meetingId),
        changes: { meetingId, filename, size },
      });
      // the rename is the last step: if it fails the row is rolled back with it
      renameSync(temporary, join(dir, storedName));
      return row;
    });
  } finally {
    rmSync(temporary, { force: true });
  }
}

export function listMaterials(db: Db, meetingId: number): MaterialRow[] {
  meetingRecord(db, meetingId);
  return materialsOfMeeting(db, meetingId);
}

/** A material of that meeting with the path of its bytes; another meeting's (or a missing file) is a 404. */
export function materialFile(
  db: Db,
  config: MaterialsConfig,
  meetingId: number,
  id: number,
): { material: MaterialRow; path: string } {
  const material = materialOfMeeting(db, meetingId, id);
  const path = material ? join(materialsDir(config), material.storedName) : '';
  if (!material || !existsSync(path)) throw notFound('Material', id);
  return { material, path };
}

export function deleteMaterial(
  db: Db,
  config: MaterialsConfig,
  actor: Actor,
  meetingId: number,
  id: number,
): void {
  const material = materialOfMeeting(db, meetingId, id);
  if (!material) throw notFound('Material', id);
  db.transaction(() => {
    deleteMaterialRow(db, id);
    recordAudit(db, actor, {
      action: 'delete',
      entity: 'meeting_material',
      entityId: id,
      programmeId: programmeOfMeeting(db, meetingId),
      changes: { meetingId, filename: material.filename },
    });
  });
  rmSync(join(materialsDir(config), material.storedName), { force: true });
}

/**
 * A material reached through an invitee's answer link: only the materials of the meeting that
 * link invites to. An unknown, expired or withdrawn link is the same 404 as an unknown file.
 */
export function materialOfAnswerLink(
  db: Db,
  config: MaterialsConfig,
  token: string,
  id: number,
): { material: MaterialRow; path: string } {
  const invitation = findInvitationByAnswerToken(db, token);
  if (!invitation || invitation.withdrawnAt) throw notFound('Material', id);
  return materialFile(db, config, invitation.meetingId, id);
}

/** The materials of the meeting an answer link invites to (none for a link that does not work). */
export function materialsOfAnswerLink(db: Db, token: string): MaterialRow[] {
  const invitation = findInvitationByAnswerToken(db, token);
  if (!invitation || invitation.withdrawnAt) return [];
  return materialsOfMeeting(db, invitation.meetingId);
}
