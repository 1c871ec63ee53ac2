import { spawnSync } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { type Browser, chromium } from 'playwright-core';

/** Where the browser tests find Chromium, and what it needs in its environment. */
export interface ChromiumBinary {
  executablePath: string;
  env: Record<string, string>;
}

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** A headless Chromium for a test, from {@link findChromium}. */
export async function launchChromium(args: string[] = []): Promise<Browser> {
  const binary = findChromium();
  return chromium.launch({
    executablePath: binary.executablePath,
    env: { ...process.env, ...binary.env },
    headless: true,
    args: ['--no-sandbox', ...args],
  });
}

/**
 * The system's Chromium when there is one; otherwise the headless Chromium shipped inside the
 * `@sparticuz/chromium` npm package, so `npm ci && npm test` needs neither root nor a download.
 * `SAMRAAD_CHROMIUM=packaged` forces the packaged one, any other value is taken as a path.
 */
export function findChromium(choice = process.env.SAMRAAD_CHROMIUM): ChromiumBinary {
  if (choice && choice !== 'packaged') return { executablePath: choice, env: {} };
  if (choice !== 'packaged' && isExecutable(SYSTEM_CHROMIUM))
    return { executablePath: SYSTEM_CHROMIUM, env: {} };
  return packagedChromium();
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Unpacks the package's brotli files once into node_modules/.cache (the binary and the NSS
 * libraries it links against, which a machine without a browser may lack). Test files run in
 * parallel, so each unpacks into its own folder and renames it into place; the loser discards its copy.
 */
function packagedChromium(): ChromiumBinary {
  const require = createRequire(import.meta.url);
  const packageRoot = join(dirname(require.resolve('@sparticuz/chromium')), '..', '..');
  const { version } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  const target = join(process.cwd(), 'node_modules', '.cache', `samraad-chromium-${version}`);
  const executablePath = join(target, 'chromium');
  if (!existsSync(executablePath)) {
    const staging = `${target}.${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    const bin = join(packageRoot, 'bin');
    writeFileSync(join(staging, 'chromium'), brotliDecompressSync(readFileSync(join(bin, 'chromium.br'))), {
      mode: 0o755,
    });
    const untar = spawnSync('tar', ['-x', '-C', staging, '-f', '-'], {
      input: brotliDecompressSync(readFileSync(join(bin, 'al2023.tar.br'))),
    });
    if (untar.status !== 0) throw new Error(`unpacking Chromium's libraries failed: ${untar.stderr}`);
    try {
      renameSync(staging, target);
    } catch {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  const libraries = join(target, 'lib');
  const inherited = process.env.LD_LIBRARY_PATH;
  return {
    executablePath,
    env: { LD_LIBRARY_PATH: inherited ? `${libraries}:${inherited}` : libraries },
  };
}
