import { readFileSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type Db, migrateDatabase, openDatabase } from '../db/client.ts';
import { accountRoles } from '../db/schema/index.ts';
import { seedReferenceData } from '../db/seed/seed.ts';
import {
  type Actor,
  commandLineActor,
  createAccount,
  findAccountByEmail,
  issueApiToken,
  setPassword,
} from '../server/accounts/accounts.ts';
import { loadConfig } from '../server/config.ts';
import { HttpProblem } from '../server/http/problems.ts';
import { queueOrganisationChasers } from '../server/invitations/chasing.ts';
import { getCycle, icsDomainOf, planYear, previewYear } from '../server/planning/cycles.ts';
import { planTable } from '../server/planning/plan-table.ts';
import { PlanningSettings } from '../server/planning/settings.ts';
import { importPeople } from '../server/register/people-import.ts';

/** The command line: thin wrappers over the same domain functions the API uses. */
interface Command {
  summary: string;
  usage: string;
  options?: ParseArgsConfig['options'];
  run(db: Db, values: Record<string, string | boolean | undefined>): Promise<void> | void;
}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

class UsageError extends Error {}

async function readPassword(): Promise<string> {
  if (process.env.SAMRAAD_PASSWORD) return process.env.SAMRAAD_PASSWORD;
  if (process.stdin.isTTY)
    throw new UsageError('Set the password in SAMRAAD_PASSWORD or pipe it on standard input');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

const commands: Record<string, Command> = {
  'db:migrate': {
    summary: 'Apply the database migrations',
    usage: 'db:migrate',
    run: () => console.log('Database is up to date.'),
  },
  'db:seed': {
    summary: 'Load the Danish reference data (idempotent; edited rows are kept)',
    usage: 'db:seed',
    run: (db) => console.log(seedReferenceData(db)),
  },
  'user:create': {
    summary: 'Create an account and print a new API token once',
    usage: 'user:create --email E --role admin|facilitator|viewer [--name N] [--with-password]',
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      'with-password': { type: 'boolean' },
    },
    async run(db, values) {
      const role = required(values, 'role');
      if (!(accountRoles as readonly string[]).includes(role))
        throw new UsageError(`--role must be one of ${accountRoles.join(', ')}`);
      const created = createAccount(db, {
        email: required(values, 'email'),
        role: role as Actor['role'],
        name: values.name as string | undefined,
      });
      if (values['with-password']) await setPassword(db, created.id, await readPassword());
      const token = issueApiToken(db, created.id, 'cli');
      console.log(`Created ${created.role} account ${created.email}.`);
      console.log(`API token (shown once; keep it secret):\n${token}`);
    },
  },
  'user:password': {
    summary: 'Set the login password of an account (from SAMRAAD_PASSWORD or standard input)',
    usage: 'user:password --email E',
    options: { email: { type: 'string' } },
    async run(db, values) {
      const found = findAccountByEmail(db, required(values, 'email'));
      if (!found) throw new UsageError(`No account ${values.email}`);
      await setPassword(db, found.id, await readPassword());
      console.log(`Password set for ${found.email}.`);
    },
  },
  'user:token': {
    summary: 'Print a new API token for an existing account',
    usage: 'user:token --email E',
    options: { email: { type: 'string' } },
    run(db, values) {
      const found = findAccountByEmail(db, required(values, 'email'));
      if (!found) throw new UsageError(`No account ${values.email}`);
      console.log(issueApiToken(db, found.id, 'cli'));
    },
  },
  plan: {
    summary: 'Plan a year (one meeting per police district) and print it as a table',
    usage: 'plan --year 2027 [--dry-run] [--show] [--settings settings.json]',
    options: {
      year: { type: 'string' },
      'dry-run': { type: 'boolean' },
      show: { type: 'boolean' },
      settings: { type: 'string' },
    },
    run(db, values) {
      const year = Number(required(values, 'year'));
      if (!Number.isInteger(year) || year < 2000 || year > 2100)
        throw new UsageError('--year must be a year such as 2027');
      const parsed = PlanningSettings.safeParse(
        values.settings ? JSON.parse(readFileSync(values.settings as string, 'utf8')) : {},
      );
      if (!parsed.success)
        throw new UsageError(
          `Invalid settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      const settings = parsed.data;
      if (values.show) {
        const cycle = getCycle(db, year, settings.areaKind);
        console.log(`${cycle.name} (gemt)\n${planTable(cycle.meetings)}`);
        return;
      }
      const input = { year, settings, dryRun: values['dry-run'] === true };
      if (input.dryRun) {
        const preview = previewYear(db, input);
        console.log(`${preview.name} (prøvekørsel, intet gemt)\n${planTable(preview.meetings)}`);
        return;
      }
      const context = { listeners: [], icsDomain: icsDomainOf(loadConfig().PUBLIC_URL) };
      const cycle = planYear(db, commandLineActor, context, input);
      console.log(`${cycle.name} (gemt, ${cycle.meetings.length} møder)\n${planTable(cycle.meetings)}`);
    },
  },
  'people:import': {
    summary: 'Import contact persons from a CSV file (see POST /api/people/import)',
    usage: 'people:import --file contacts.csv [--dry-run]',
    options: { file: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    run(db, values) {
      const csv = readFileSync(required(values, 'file'), 'utf8');
      const report = importPeople(db, commandLineActor, csv, values['dry-run'] === true);
      for (const e of report.errors)
        console.log(`line ${e.line}${e.field ? ` (${e.field})` : ''}: ${e.reason}`);
      console.log(
        `${report.dryRun ? 'Dry run: would create' : 'Created'} ${report.created}, ${report.dryRun ? 'update' : 'updated'} ${report.updated}, unchanged ${report.unchanged}, ${report.errors.length} error(s).`,
      );
      if (report.errors.length) process.exitCode = 1;
    },
  },
  'invitations:chase': {
    summary: 'Queue reminders to the fixed contact of organisations nobody has signed up from (once each)',
    usage: 'invitations:chase [--days N]',
    options: { days: { type: 'string' } },
    run(db, values) {
      const days = values.days === undefined ? loadConfig().CHASE_DAYS_BEFORE : Number(values.days);
      if (!Number.isInteger(days) || days < 0) throw new UsageError('--days must be a whole number of days');
      const report = queueOrganisationChasers(db, { CHASE_DAYS_BEFORE: days });
      for (const gap of report.withoutContact)
        console.log(`meeting ${gap.meetingId}: ${gap.name} has no fixed contact person`);
      console.log(`${report.queued} reminder(s) queued for ${report.meetings} meeting(s).`);
    },
  },
};

function help(): void {
  console.log('Usage: npm run cli -- <command> [options]\n');
  for (const c of Object.values(commands)) console.log(`  ${c.usage.padEnd(70)} ${c.summary}`);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    help();
    return name && name !== 'help' ? 2 : 0;
  }
  const config = loadConfig();
  const db = openDatabase(config.DATABASE_PATH);
  try {
    migrateDatabase(db);
    if (name !== 'db:seed' && config.SEED_ON_START) seedReferenceData(db);
    const { values } = parseArgs({ args: rest, options: command.options ?? {}, strict: true });
    await command.run(db, values as Record<string, string | boolean | undefined>);
    return process.exitCode === 1 ? 1 : 0;
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(err as Error).message}\nUsage: npm run cli -- ${command.usage}`);
      return 2;
    }
    if (err instanceof HttpProblem) {
      console.error(err.message);
      for (const u of (err.extra?.unplaced as
        | { areaName: string; sequence: number; rule: string }[]
        | undefined) ?? [])
        console.error(`  ${u.areaName} (møde ${u.sequence}): ${u.rule}`);
      for (const e of (err.extra?.errors as { line: number; reason: string }[] | undefined) ?? [])
        console.error(`line ${e.line}: ${e.reason}`);
      return 1;
    }
    throw err;
  } finally {
    db.$client.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
