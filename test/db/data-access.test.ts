import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import t from 'tap';
import { projectRoot } from '../helpers/entry-points.ts';

/**
 * Where SQL may live: each domain's queries module (server/<domain>/queries.ts or queries/) and
 * the one read of a meeting (planning/meetings.ts). Besides them only plumbing that is about the
 * database file rather than any domain: the read cache's change stamp and the backup's migration
 * count. Pages, routes and emails hold none, so a second database engine changes the queries
 * modules only.
 */
const SQL_HOMES = [
  /\/queries\.ts$/,
  /\/queries\//,
  /^server\/planning\/meetings\.ts$/,
  /^server\/http\/read-cache\.ts$/,
  /^server\/operations\/backup\.ts$/,
];

const SQL_USE = [
  { what: 'prepared statement', pattern: /\bprepared\s*[<(]|\.prepare\s*[<(]/ },
  { what: 'query builder', pattern: /\b(db|tx)\s*\.\s*(select|insert|update|delete)\s*\(/ },
  { what: 'drizzle SQL helpers', pattern: /from 'drizzle-orm'/ },
  { what: 'sql`…`', pattern: /\bsql`/ },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(projectRoot, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(projectRoot, join(e.parentPath, e.name)));
}

function offenders(files: string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const text = readFileSync(join(projectRoot, file), 'utf8');
    for (const { what, pattern } of SQL_USE) if (pattern.test(text)) found.push(`${file}: ${what}`);
  }
  return found;
}

t.test('pages, routes and emails hold no SQL: they call domain functions', async (t) => {
  const files = ['server/web', 'server/routes', 'emails'].flatMap(sourceFiles);
  t.ok(files.length > 20, `read ${files.length} files`);
  t.same(offenders(files), []);
});

t.test("the domains' SQL sits in their queries modules, beside no logic", async (t) => {
  const domains = readdirSync(join(projectRoot, 'server'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && !['web', 'routes', 'plugins'].includes(e.name))
    .map((e) => `server/${e.name}`);
  const files = domains.flatMap(sourceFiles).filter((f) => !SQL_HOMES.some((home) => home.test(f)));
  t.ok(files.length > 50, `read ${files.length} files`);
  t.same(offenders(files), []);
});

t.test('query results are typed where they are read, not cast afterwards', async (t) => {
  const files = ['server', 'emails'].flatMap(sourceFiles);
  const casts: string[] = [];
  for (const file of files) {
    const text = readFileSync(join(projectRoot, file), 'utf8');
    if (/\)\s*\.(get|all|iterate)\([^()]*\)\s+as\s/.test(text)) casts.push(file);
  }
  t.same(casts, []);
});
