import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Our own stylesheet, script and icon. */
export const ownAssetsDir = join(dirname(fileURLToPath(import.meta.url)), 'assets');
/** The design system's (DKFDS) built files. */
export const dkfdsDist = join(dirname(createRequire(import.meta.url).resolve('dkfds')), '..');

/**
 * What the assets are made of: DKFDS's version and the names and bytes of our own files. It names
 * the folder the pages link them from, so a browser keeps them for a year without asking again,
 * and a new version of either comes from a new address.
 */
export function assetVersion(ownDir: string, dkfdsVersion: string): string {
  const hash = createHash('sha256').update(dkfdsVersion);
  for (const file of readdirSync(ownDir).sort()) hash.update(file).update(readFileSync(join(ownDir, file)));
  return hash.digest('base64url').slice(0, 10);
}

const dkfdsVersion = JSON.parse(readFileSync(join(dkfdsDist, '..', 'package.json'), 'utf8'))
  .version as string;

/** Where the pages link the assets from: `${ASSETS}/dkfds/…` and `${ASSETS}/samraad/…`. */
export const ASSETS = `/assets/v-${assetVersion(ownAssetsDir, dkfdsVersion)}`;
