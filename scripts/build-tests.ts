/**
 * Compiles the project, tests included, into .build/ for `npm test`, so each of the suite's many
 * test processes loads plain JavaScript instead of sending every module through tsx's loader
 * hooks (about 1.6 s of CPU per process that imports the app, more than most tests take).
 * The compile is the type check too: tsconfig.test.json is tsconfig.json with emit switched on.
 * Files that are not TypeScript (migrations, fonts, assets, fixtures, reference data) are linked
 * in at the same relative paths, so code that finds them beside itself finds them in .build/ too.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const out = join(root, '.build');
const sources = ['server', 'db', 'emails', 'scripts', 'test'];

// a fresh tree every time: a test file deleted from the source must not live on in .build/
rmSync(out, { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.test.json')], {
  stdio: 'inherit',
});
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

let linked = 0;
for (const dir of sources) {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name.endsWith('.ts')) continue;
    const source = join(entry.parentPath, entry.name);
    const target = join(out, relative(root, source));
    if (existsSync(target)) continue; // JSON the code imports, which tsc has copied already
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(relative(dirname(target), source), target);
    linked++;
  }
}
console.log(`.build/: compiled, ${linked} other files linked`);
