import { createWriteStream, readFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { type ParseArgsConfig, parseArgs } from 'node:util';
// Only what the table of commands and `help` need is imported here (and types): each command
// imports its domain module when it runs, so `help` or a cron job does not load every other
// command's libraries too (the reports' PDF and Word ones, say).
import type { Db } from '../db/client.ts';
import type { ProgrammeRole } from '../db/schema/index.ts';
import type { Actor } from '../server/accounts/accounts.ts';
import type { Config } from '../server/config.ts';
import type { HttpProblem } from '../server/http/problems.ts';
import type { PlanningContext } from '../server/planning/context.ts';
import type { ReportFormat } from '../server/reports/render.ts';
import { isLanguage, textLanguages } from '../server/text/language.ts';
import { catalogueFor } from '../server/text/messages.ts';

/** The command line speaks Danish, like the pages. */
const say = catalogueFor('da').cli;

/** What every command gets besides the database: the server's configuration and planning context. */
interface Service {
  config: Config;
  /**
   * The same context the server's API and pages use, with the same listeners subscribed; made on
   * request, since only planning writes need it and its listeners load answering, mail and outcomes.
   */
  planning(): Promise<PlanningContext>;
}

/** The command line: thin wrappers over the same domain functions the API uses. */
interface Command {
  usage: string;
  options?: ParseArgsConfig['options'];
  /** Takes a bare argument (a file) besides its options. */
  positional?: boolean;
  run(
    db: Db,
    values: Record<string, string | boolean | undefined>,
    service: Service,
    positionals: string[],
  ): Promise<void> | void;
}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(say.required(name));
  return value;
}

class UsageError extends Error {}

/** A file the user named: a missing or unreadable one is said in Danish, not as a stack trace. */
function readNamedFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(say.unreadable(file));
  }
}

function readJsonFile(file: string): unknown {
  const text = readNamedFile(file);
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(say.notJson(file));
  }
}

async function readPassword(): Promise<string> {
  if (process.env.SAMRAAD_PASSWORD) return process.env.SAMRAAD_PASSWORD;
  if (process.stdin.isTTY) throw new UsageError(say.passwordSource);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

const commands: Record<string, Command> = {
  'db:migrate': {
    usage: 'db:migrate',
    run: () => console.log(say.databaseReady),
  },
  'db:seed': {
    usage: 'db:seed',
    async run(db) {
      const { seedReferenceData } = await import('../db/seed/seed.ts');
      console.log(seedReferenceData(db));
    },
  },
  'person:export': {
    usage: 'person:export --id N',
    options: { id: { type: 'string' } },
    async run(db, values) {
      const id = required(values, 'id');
      if (!/^[0-9]{1,16}$/.test(id)) throw new UsageError(say.personId);
      const { exportPerson } = await import('../server/privacy/export.ts');
      const data = db.transaction(() => exportPerson(db, null, Number(id)));
      console.log(JSON.stringify(data, null, 2));
    },
  },
  'person:erase': {
    usage: 'person:erase --id N',
    options: { id: { type: 'string' } },
    async run(db, values, { config }) {
      const id = required(values, 'id');
      if (!/^[0-9]{1,16}$/.test(id)) throw new UsageError(say.personId);
      const { commandLineActor } = await import('../server/accounts/accounts.ts');
      const { erasePerson } = await import('../server/privacy/erase.ts');
      const report = erasePerson(db, commandLineActor, Number(id), config.MAIL_DIR);
      console.log(JSON.stringify(report, null, 2));
    },
  },
  'retention:apply': {
    usage: 'retention:apply',
    async run(db, _values, { config }) {
      const { applyRetention } = await import('../server/privacy/retention.ts');
      console.log(JSON.stringify(applyRetention(db, config), null, 2));
    },
  },
  'user:create': {
    usage:
      'user:create --email E --role admin|facilitator|viewer [--programme KEY[,KEY]] [--name N] [--with-password]',
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      programme: { type: 'string' },
      name: { type: 'string' },
      'with-password': { type: 'boolean' },
    },
    async run(db, values) {
      const role = required(values, 'role');
      const { accountRoles } = await import('../db/schema/index.ts');
      if (!(accountRoles as readonly string[]).includes(role))
        throw new UsageError(say.roleOneOf(accountRoles.join(', ')));
      const { createAccount, issueApiToken, setPassword } = await import('../server/accounts/accounts.ts');
      const created = createAccount(db, {
        email: required(values, 'email'),
        role: role as Actor['role'],
        name: values.name as string | undefined,
        ...(values.programme ? { programmes: String(values.programme).split(',') } : {}),
      });
      if (values['with-password']) await setPassword(db, created.id, await readPassword());
      const token = issueApiToken(db, created.id, 'cli');
      console.log(say.accountCreated(created.role, created.email));
      console.log(`${say.tokenOnce}\n${token}`);
    },
  },
  'user:programmes': {
    usage: 'user:programmes --email E --programme KEY=facilitator|viewer[,KEY=ROLE] (replaces the list)',
    options: { email: { type: 'string' }, programme: { type: 'string' } },
    async run(db, values) {
      const { commandLineActor, findAccountByEmail, grantProgrammes } = await import(
        '../server/accounts/accounts.ts'
      );
      const { programmeRoles } = await import('../db/schema/index.ts');
      const found = findAccountByEmail(db, required(values, 'email'));
      if (!found) throw new UsageError(say.noAccount(String(values.email)));
      const grants = required(values, 'programme')
        .split(',')
        .map((pair) => {
          const [programme, role] = pair.split('=');
          if (!programme || !(programmeRoles as readonly string[]).includes(role ?? ''))
            throw new UsageError(say.programmeGrant(pair));
          return { programme, role: role as ProgrammeRole };
        });
      const account = grantProgrammes(db, commandLineActor, found.id, grants);
      console.log(JSON.stringify(account, null, 2));
    },
  },
  'user:password': {
    usage: 'user:password --email E',
    options: { email: { type: 'string' } },
    async run(db, values) {
      const { findAccountByEmail, setPassword } = await import('../server/accounts/accounts.ts');
      const found = findAccountByEmail(db, required(values, 'email'));
      if (!found) throw new UsageError(say.noAccount(String(values.email)));
      await setPassword(db, found.id, await readPassword());
      console.log(say.passwordSet(found.email));
    },
  },
  'user:token': {
    usage: 'user:token --email E',
    options: { email: { type: 'string' } },
    async run(db, values) {
      const { findAccountByEmail, issueApiToken } = await import('../server/accounts/accounts.ts');
      const found = findAccountByEmail(db, required(values, 'email'));
      if (!found) throw new UsageError(say.noAccount(String(values.email)));
      console.log(issueApiToken(db, found.id, 'cli'));
    },
  },
  plan: {
    usage: 'plan --year 2027 [--programme KEY] [--dry-run] [--show] [--settings settings.json]',
    options: {
      year: { type: 'string' },
      programme: { type: 'string' },
      'dry-run': { type: 'boolean' },
      show: { type: 'boolean' },
      settings: { type: 'string' },
    },
    async run(db, values, { planning }) {
      const year = Number(required(values, 'year'));
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError(say.yearSuchAs);
      const { PlanningSettingsPatch } = await import('../server/planning/settings.ts');
      const parsed = PlanningSettingsPatch.safeParse(
        values.settings ? readJsonFile(values.settings as string) : {},
      );
      if (!parsed.success)
        throw new UsageError(
          say.invalidSettings(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')),
        );
      const { cycleSettings, getCycle, planYear, previewYear } = await import('../server/planning/cycles.ts');
      const { planTable } = await import('../server/planning/plan-table.ts');
      const settings = cycleSettings(db, values.programme as string | undefined, parsed.data);
      if (values.show) {
        const cycle = getCycle(db, year, settings.areaKind);
        console.log(`${say.planShown(cycle.name)}\n${planTable(cycle.meetings)}`);
        return;
      }
      const input = { year, settings, dryRun: values['dry-run'] === true };
      if (input.dryRun) {
        const preview = previewYear(db, input);
        console.log(`${say.planDryRun(preview.name)}\n${planTable(preview.meetings)}`);
        return;
      }
      const { commandLineActor } = await import('../server/accounts/accounts.ts');
      const cycle = planYear(db, commandLineActor, await planning(), input);
      console.log(`${say.planSaved(cycle.name, cycle.meetings.length)}\n${planTable(cycle.meetings)}`);
    },
  },
  'meeting:move': {
    usage: 'meeting:move --id N --date YYYY-MM-DD [--start HH:MM] [--force]',
    options: {
      id: { type: 'string' },
      date: { type: 'string' },
      start: { type: 'string' },
      force: { type: 'boolean' },
    },
    async run(db, values, { planning }) {
      const id = Number(required(values, 'id'));
      if (!Number.isInteger(id) || id < 1) throw new UsageError(say.meetingId);
      const { UpdateMeeting } = await import('../server/planning/schemas.ts');
      const parsed = UpdateMeeting.pick({ date: true, startTime: true }).safeParse({
        date: required(values, 'date'),
        startTime: values.start,
      });
      if (!parsed.success) throw new UsageError(say.dateAndStart);
      const { commandLineActor } = await import('../server/accounts/accounts.ts');
      const { moveMeeting } = await import('../server/planning/meeting-updates.ts');
      const moved = moveMeeting(db, commandLineActor, await planning(), id, {
        date: parsed.data.date!,
        startTime: parsed.data.startTime,
        force: values.force === true,
      });
      console.log(say.moved(moved.title, moved.localDate, moved.localStartTime, moved.localEndTime));
      for (const warning of moved.warnings) console.log(`  ${say.warning(warning)}`);
      console.log(say.movedNotice);
    },
  },
  'people:import': {
    usage: 'people:import --file contacts.csv [--dry-run]',
    options: { file: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    async run(db, values) {
      const csv = readNamedFile(required(values, 'file'));
      const { commandLineActor } = await import('../server/accounts/accounts.ts');
      const { importPeople } = await import('../server/register/people-import.ts');
      const report = importPeople(db, commandLineActor, csv, values['dry-run'] === true);
      for (const e of report.errors) console.log(say.line(e.line, e.field, e.reason));
      console.log(
        say.imported(report.dryRun, report.created, report.updated, report.unchanged, report.errors.length),
      );
      if (report.errors.length) process.exitCode = 1;
    },
  },
  'programme:load': {
    usage: 'programme:load examples/no-oslo-barnevern-politi.json',
    options: { file: { type: 'string' } },
    positional: true,
    async run(db, values, _service, positionals) {
      const file = typeof values.file === 'string' ? values.file : positionals[0];
      if (!file) throw new UsageError(say.required('file'));
      const input = readJsonFile(file);
      const { commandLineActor } = await import('../server/accounts/accounts.ts');
      const { loadProgrammeFile } = await import('../server/programmes/load.ts');
      const report = loadProgrammeFile(db, commandLineActor, input);
      const { created, reused, programme } = report;
      console.log(
        say.programmeLoaded(
          programme.name,
          programme.key,
          created.organisations + reused.organisations,
          created.areas,
          created.people,
        ),
      );
    },
  },
  'outbox:send': {
    usage: 'outbox:send [--recover]',
    options: { recover: { type: 'boolean' } },
    async run(db, values, { config }) {
      const { answerLinkRedaction, platformAddress } = await import('../server/invitations/queue-mail.ts');
      const { queueDueReminders } = await import('../server/invitations/reminders.ts');
      const { drainOutbox, requeueInterrupted } = await import('../server/mail/sender.ts');
      const { transportFor } = await import('../server/mail/transports.ts');
      // --recover: no server is sending, so whatever is left in 'sending' was cut off by a crash
      if (values.recover) console.log(say.requeued(requeueInterrupted(db, { all: true })));
      const reminders = queueDueReminders(db, config, new Date());
      const transport = transportFor(config);
      try {
        const report = await drainOutbox(db, transport, {
          from: platformAddress(config),
          redactAfterSending: transport.kind === 'smtp' ? answerLinkRedaction : undefined,
          maxAttempts: config.MAIL_MAX_ATTEMPTS,
          retryBaseMs: config.MAIL_RETRY_BASE_MS,
        });
        console.log(say.sent(reminders, report.sent, report.retrying, report.failed));
        if (report.failed) process.exitCode = 1;
      } finally {
        transport.close();
      }
    },
  },
  'invitations:chase': {
    usage: 'invitations:chase [--days N]',
    options: { days: { type: 'string' } },
    async run(db, values, { config }) {
      const days = values.days === undefined ? config.CHASE_DAYS_BEFORE : Number(values.days);
      if (!Number.isInteger(days) || days < 0) throw new UsageError(say.daysWhole);
      const { queueOrganisationChasers } = await import('../server/invitations/chasing.ts');
      const report = queueOrganisationChasers(db, { CHASE_DAYS_BEFORE: days });
      for (const gap of report.withoutContact) console.log(say.noFixedContact(gap.meetingId, gap.name));
      console.log(say.chased(report.queued, report.meetings));
    },
  },
  report: {
    usage:
      'report --year 2027 [--district CODE] [--programme KEY] --format json|csv|xlsx|docx|pdf|html --out FILE [--lang en] [--separator comma]',
    options: {
      year: { type: 'string' },
      district: { type: 'string' },
      programme: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      lang: { type: 'string' },
      separator: { type: 'string' },
    },
    async run(db, values) {
      const year = Number(required(values, 'year'));
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError(say.yearMust);
      const format = required(values, 'format');
      const { renderAgreementsReport, renderNationalReport, reportFormats } = await import(
        '../server/reports/render.ts'
      );
      if (!(reportFormats as readonly string[]).includes(format))
        throw new UsageError(say.formatOneOf(reportFormats.join(', ')));
      // a programme's report is in its own language unless --lang says otherwise
      const programme = values.programme as string | undefined;
      const lang = values.lang ?? (programme ? undefined : 'da');
      if (lang !== undefined && !isLanguage(lang))
        throw new UsageError(say.langOneOf(textLanguages.join(', ')));
      const separator = values.separator === 'comma' ? 'comma' : 'semicolon';
      const options = { year, lang, programme, format: format as ReportFormat, separator } as const;
      const district = values.district as string | undefined;
      const rendered = district
        ? await renderAgreementsReport(db, { ...options, district })
        : await renderNationalReport(db, options);
      const out = required(values, 'out');
      await pipeline(rendered.body, createWriteStream(out));
      console.log(say.wrote(out));
    },
  },
  'follow-ups:send': {
    usage: 'follow-ups:send',
    async run(db, _values, { config }) {
      const { queueFollowUpReminders } = await import('../server/outcomes/follow-ups.ts');
      const result = queueFollowUpReminders(db, config);
      console.log(say.followUps(result.queued, result.alreadySent));
    },
  },
};

/** Commands that must not open (or create) the database themselves: copies of the data folder. */
interface DataFolderCommand extends Omit<Command, 'run'> {
  run(values: Record<string, string | boolean | undefined>, config: Config): Promise<void> | void;
}

const dataFolderCommands: Record<string, DataFolderCommand> = {
  backup: {
    usage: 'backup --out DIR',
    options: { out: { type: 'string' } },
    async run(values, config) {
      const { backup } = await import('../server/operations/backup.ts');
      const manifest = await backup(config, required(values, 'out'));
      console.log(say.backupWritten(String(values.out), manifest.migrations, manifest.mail ?? null));
    },
  },
  restore: {
    usage: 'restore --from DIR',
    options: { from: { type: 'string' } },
    async run(values, config) {
      const { restore } = await import('../server/operations/backup.ts');
      const manifest = restore(config, required(values, 'from'));
      console.log(say.restored(manifest.createdAt, config.DATABASE_PATH));
    },
  },
};

/**
 * A refusal in Danish, as the pages say it (web/refusals.ts): typed refusals name what they are
 * about; for the rest the domain's own detail follows, since there is no page to show it on.
 */
async function printRefusal(err: HttpProblem): Promise<void> {
  // loaded only when something was refused; each is small once the domain's modules are loaded
  const { pageRefusal } = await import('../server/web/refusals.ts');
  const { ProgrammeFileRefusal } = await import('../server/programmes/refusals.ts');
  const { InfeasiblePlan, RuleConflict } = await import('../server/planning/refusals.ts');
  const { ImportRefused } = await import('../server/register/people-import.ts');
  const refusal = pageRefusal(err);
  console.error(`${refusal.title}: ${refusal.text}`);
  // a programme file's author needs each field and what is wrong with it, not only its path
  if (err instanceof ProgrammeFileRefusal && err.fault.kind === 'invalid') {
    for (const f of err.fault.fields) console.error(`  ${say.fileField(f.field, f.message)}`);
    return;
  }
  for (const item of refusal.items) console.error(`  ${item}`);
  if (err instanceof ImportRefused)
    for (const e of err.errors) console.error(`  ${say.line(e.line, e.field, e.reason)}`);
  const typed = err instanceof RuleConflict || err instanceof InfeasiblePlan || err instanceof ImportRefused;
  if (!typed && refusal.text === catalogueFor('da').refusal.page[refusal.kind].text)
    console.error(`  ${say.details(err.message)}`);
}

function help(): void {
  console.log(`${say.usageHeading}\n`);
  for (const [name, c] of [...Object.entries(commands), ...Object.entries(dataFolderCommands)])
    console.log(`  ${c.usage.padEnd(70)} ${say.summaries[name] ?? ''}`);
}

async function runDataFolderCommand(command: DataFolderCommand, args: string[]): Promise<number> {
  try {
    const { values } = parseArgs({ args, options: command.options ?? {}, strict: true });
    const { loadConfig } = await import('../server/config.ts');
    await command.run(values as Record<string, string | boolean | undefined>, loadConfig());
    return 0;
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(err as Error).message}\n${say.usage(command.usage)}`);
      return 2;
    }
    // the module of both commands, already loaded unless the error came before them
    const { BackupRefused } = await import('../server/operations/backup.ts');
    if (err instanceof BackupRefused) {
      console.error(say.backupRefused(err.message));
      return 1;
    }
    throw err;
  }
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const dataFolderCommand = name ? dataFolderCommands[name] : undefined;
  if (dataFolderCommand) return runDataFolderCommand(dataFolderCommand, rest);
  const command = name ? commands[name] : undefined;
  if (!command) {
    help();
    return name && name !== 'help' ? 2 : 0;
  }
  // what every database command needs (zod, SQLite, drizzle and the schema), loaded once help is ruled out
  const { loadConfig } = await import('../server/config.ts');
  const { migrateDatabase, openDatabase } = await import('../db/client.ts');
  const { seedReferenceData } = await import('../db/seed/seed.ts');
  const config = loadConfig();
  const db = openDatabase(config.DATABASE_PATH);
  try {
    migrateDatabase(db);
    if (name !== 'db:seed' && config.SEED_ON_START) seedReferenceData(db);
    const { values, positionals } = parseArgs({
      args: rest,
      options: command.options ?? {},
      strict: true,
      allowPositionals: command.positional === true,
    });
    await command.run(
      db,
      values as Record<string, string | boolean | undefined>,
      {
        config,
        planning: async () =>
          (await import('../server/plugins/meeting-change-wiring.ts')).wiredPlanningContext(config),
      },
      positionals,
    );
    return process.exitCode === 1 ? 1 : 0;
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(err as Error).message}\n${say.usage(command.usage)}`);
      return 2;
    }
    const { HttpProblem } = await import('../server/http/problems.ts');
    if (err instanceof HttpProblem) {
      await printRefusal(err);
      return 1;
    }
    throw err;
  } finally {
    db.$client.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
