import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Config } from '../config.ts';
import { materialsDir } from '../materials/materials.ts';

/** What a backup folder holds, written last as manifest.json (a folder without one is incomplete). */
export interface BackupManifest {
  format: 'samraad-backup/1';
  createdAt: string;
  database: string;
  mail: string | null;
  /** The meetings' materials (MATERIALS_DIR); absent in backups from before materials. */
  materials?: string | null;
  /** Applied migrations at the time of the copy, so a restore can tell what it brings back. */
  migrations: number;
}

const MANIFEST = 'manifest.json';
const DATABASE_FILE = 'samraad.db';
const MAIL_FOLDER = 'mail';
const MATERIALS_FOLDER = 'materials';

export class BackupRefused extends Error {}

function isEmptyOrMissing(path: string): boolean {
  return !existsSync(path) || readdirSync(path).length === 0;
}

/**
 * A consistent copy of the running service's data into an empty folder: the database through
 * SQLite's online backup API (one read transaction, so writers in other processes carry on), then
 * the captured mail and the meetings' materials. Mail or materials written after the database copy
 * may be in the folder too; never less.
 */
export async function backup(config: Config, out: string): Promise<BackupManifest> {
  if (!isEmptyOrMissing(out)) throw new BackupRefused(`${out} is not empty`);
  if (!existsSync(config.DATABASE_PATH)) throw new BackupRefused(`no database at ${config.DATABASE_PATH}`);
  mkdirSync(out, { recursive: true });
  const source = new Database(config.DATABASE_PATH, { readonly: true, fileMustExist: true });
  let migrations = 0;
  try {
    source.pragma('busy_timeout = 5000');
    // the first step only starts the copy; the second takes every page inside one read transaction
    await source.backup(join(out, DATABASE_FILE), { progress: () => 0x7fffffff });
    migrations =
      source.prepare<unknown[], { n: number }>('SELECT count(*) AS n FROM __drizzle_migrations').get()?.n ??
      0;
  } finally {
    source.close();
  }
  let mail: string | null = null;
  if (existsSync(config.MAIL_DIR)) {
    cpSync(config.MAIL_DIR, join(out, MAIL_FOLDER), { recursive: true });
    mail = MAIL_FOLDER;
  }
  // materials are written before their row is committed and never changed, so a copy after the
  // database holds every file the copied database names
  let materials: string | null = null;
  const materialsFolder = materialsDir(config);
  if (existsSync(materialsFolder)) {
    cpSync(materialsFolder, join(out, MATERIALS_FOLDER), {
      recursive: true,
      // an upload still being written is not a material yet
      filter: (source) => !basename(source).startsWith('.upload-'),
    });
    materials = MATERIALS_FOLDER;
  }
  const manifest: BackupManifest = {
    format: 'samraad-backup/1',
    createdAt: new Date().toISOString(),
    database: DATABASE_FILE,
    mail,
    materials,
    migrations,
  };
  writeFileSync(join(out, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * Puts a backup into an empty data folder (the database's folder, the mail and materials folders); refuses a
 * folder with anything in it, so a restore never mixes with or overwrites live data.
 */
export function restore(config: Config, from: string): BackupManifest {
  const manifestPath = join(from, MANIFEST);
  if (!existsSync(manifestPath))
    throw new BackupRefused(`${from} holds no ${MANIFEST}: not a complete backup`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BackupManifest;
  if (manifest.format !== 'samraad-backup/1')
    throw new BackupRefused(`unknown backup format ${manifest.format}`);
  const dataFolder = dirname(resolve(config.DATABASE_PATH));
  for (const folder of new Set([dataFolder, resolve(config.MAIL_DIR), materialsDir(config)]))
    if (!isEmptyOrMissing(folder)) throw new BackupRefused(`${folder} is not empty`);
  const copy = new Database(join(from, manifest.database), { readonly: true, fileMustExist: true });
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new BackupRefused(`the backup's database is damaged: ${check}`);
  } finally {
    copy.close();
  }
  mkdirSync(dataFolder, { recursive: true });
  cpSync(join(from, manifest.database), resolve(config.DATABASE_PATH));
  if (manifest.mail) cpSync(join(from, manifest.mail), resolve(config.MAIL_DIR), { recursive: true });
  if (manifest.materials) cpSync(join(from, manifest.materials), materialsDir(config), { recursive: true });
  return manifest;
}
