import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { entryPointArgs } from '../helpers/entry-points.ts';

const run = promisify(execFile);

t.test('programme:load loads an example file once and names a bad field in Danish', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'samraad-cli-load-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const env = {
    ...process.env,
    DATABASE_PATH: join(dir, 'samraad.db'),
    MAIL_DIR: join(dir, 'mail'),
    LOG_LEVEL: 'silent',
  };
  const cli = (...args: string[]) =>
    run(process.execPath, [...entryPointArgs('scripts/cli.ts'), ...args], { env }).catch(
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  const loaded = await cli('programme:load', 'examples/no-tjenestestotte.json');
  t.match(
    loaded.stdout,
    'Programmet Tjenestestøtteprogrammet (no-tjenestestotte) er indlæst: 7 organisationer, 4 områder, 27 personer.',
  );
  const again = (await cli('programme:load', 'examples/no-tjenestestotte.json')) as {
    code: number;
    stderr: string;
  };
  t.equal(again.code, 1);
  t.match(again.stderr, 'Programmet no-tjenestestotte er allerede indlæst. Intet er ændret');

  const bad = JSON.parse(readFileSync('examples/no-familievern-barnevern.json', 'utf8'));
  bad.areas[1].convener = 'ukjent';
  const badFile = join(dir, 'bad.json');
  writeFileSync(badFile, JSON.stringify(bad));
  const refused = (await cli('programme:load', '--file', badFile)) as { code: number; stderr: string };
  t.equal(refused.code, 1);
  t.match(refused.stderr, 'Filen er ikke indlæst, og intet er gemt.');
  t.match(refused.stderr, 'areas.1.convener: no organisation with ref ukjent in the file');

  writeFileSync(badFile, '{ "format":');
  const notJson = (await cli('programme:load', badFile)) as { code: number; stderr: string };
  t.equal(notJson.code, 2);
  t.match(notJson.stderr, `${badFile} er ikke gyldig JSON`);

  const missing = (await cli('programme:load', `${badFile}.gone`)) as { code: number; stderr: string };
  t.equal(missing.code, 2);
  t.match(missing.stderr, `${badFile}.gone kan ikke læses`);
  t.notMatch(missing.stderr, /ENOENT/, 'no stack trace');
});
