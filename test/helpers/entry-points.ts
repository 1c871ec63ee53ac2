import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm test` runs the suite compiled into .build/ (scripts/build-tests.ts); `npm run test:file`
 * runs a test from its source through tsx. A test that starts the service or a command as a
 * process of its own starts it from the same tree, so the child loads as fast as the test did.
 */
const compiled = import.meta.url.includes('/.build/');

/** The project's root, where package.json is, from either tree. */
export const projectRoot = fileURLToPath(new URL(compiled ? '../../../' : '../../', import.meta.url));

/** node's arguments that load the project's TypeScript: none for the compiled tree, tsx's hooks for the source. */
export const loaderArgs: string[] = compiled ? [] : ['--import', 'tsx'];

/** A source module (`db/client.ts`) as a path in the tree this test runs from. */
export function modulePath(source: string): string {
  return compiled ? join(projectRoot, '.build', source.replace(/\.ts$/, '.js')) : join(projectRoot, source);
}

/** node's arguments that run an entry point (`scripts/cli.ts`, `server/main.ts`) from that tree. */
export function entryPointArgs(source: string): string[] {
  return [...loaderArgs, modulePath(source)];
}
