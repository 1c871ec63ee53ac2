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
 * What the assets are made of: DKFDS's version and the bytes of our own files. It names the
 * folder the pages link them from, so a browser keeps them for a year without asking again, and a
 * new version of either comes from a new address.
 */
function assetVersion(): string {
  const hash = createHash('sha256');
  hash.update(JSON.parse(readFileSync(join(dkfdsDist, '..', 'package.json'), 'utf8')).version as string);
  for (const file of readdirSync(ownAssetsDir).sort())
    hash.update(file).update(readFileSync(join(ownAssetsDir, file)));
  return hash.digest('base64url').slice(0, 10);
}

/** Where the pages link the assets from: `${ASSETS}/dkfds/…` and `${ASSETS}/samraad/…`. */
export const ASSETS = `/assets/v-${assetVersion()}`;
