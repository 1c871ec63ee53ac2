/**
 * "Today's code" for a benchmark's before-figure: a detached checkout of an earlier commit beside
 * this one, sharing its node_modules, so the same benchmark can run the old code in the same run on
 * the same machine (absolute figures drift about 2× between hours; ratios from one run do not).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The code before the speed work of issue 18 (the last commit before it). */
export const BASELINE_REF = process.env.BENCH_BASELINE_REF ?? '7f5f224';

export interface BaselineCheckout {
  dir: string;
  remove(): void;
}

/** A checkout of `ref`, or null (with the reason printed) where git or the commit is not at hand. */
export function checkoutBaseline(ref = BASELINE_REF): BaselineCheckout | null {
  const root = resolve('.');
  const dir = join(mkdtempSync(join(tmpdir(), 'samraad-baseline-')), 'code');
  try {
    execFileSync('git', ['worktree', 'add', '--detach', '--quiet', dir, ref], { cwd: root, stdio: 'pipe' });
  } catch (err) {
    console.log(`(no before-figures: commit ${ref} could not be checked out: ${String(err).split('\n')[0]})`);
    return null;
  }
  if (!existsSync(join(dir, 'node_modules')))
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return {
    dir,
    remove() {
      execFileSync('git', ['worktree', 'remove', '--force', dir], { cwd: root, stdio: 'pipe' });
      rmSync(resolve(dir, '..'), { recursive: true, force: true });
    },
  };
}
