import type { CliTexts } from '../catalogue.ts';
import { plural } from '../plural.ts';

/** What the command line says, in English. */
export const enCli: CliTexts = {
  summaries: {
    'db:migrate': 'Apply the database migrations',
    'db:seed': 'Load the Danish reference data (idempotent; edited rows are kept)',
    'person:export': 'Print everything held about a person as JSON (GDPR access request; audited)',
    'person:erase': 'Erase a person (GDPR): anonymised everywhere, the meetings’ figures kept (audited)',
    'retention:apply':
      'Remove personal data past its RETENTION_* days now (the service does it hourly; audited)',
    'user:create': 'Create an account and print a new API token once',
    'user:programmes': 'Set the programmes an account works in and its role in each (replaces the list)',
    'user:password': 'Set the login password of an account (from SAMRAAD_PASSWORD or standard input)',
    'user:token': 'Print a new API token for an existing account',
    plan: 'Plan a year (one meeting per police district) and print it as a table',
    'meeting:move':
      'Move a meeting to another day (same length); invitees get an updated calendar invitation',
    'programme:load':
      'Load a programme from a programme file (e.g. examples/*.json): all or nothing; a loaded programme is refused',
    'people:import': 'Import contact persons from a CSV file (see POST /api/people/import)',
    'outbox:send': 'Queue due reminders and deliver the outbox (SMTP_URL, else capture into MAIL_DIR)',
    'invitations:chase':
      'Queue reminders to the fixed contact of organisations nobody has signed up from (once each)',
    report: 'Write a report: a district report with --district, else the national report',
    'follow-ups:send': 'Queue reminder emails for agreements due for review and barriers open over a year',
    backup: 'Copy the database (online, while the service runs) and the mail folder into an empty folder',
    restore: 'Put a backup into an empty data folder (DATABASE_PATH and MAIL_DIR); refuses a non-empty one',
  },
  usageHeading: 'Usage: npm run cli -- <command> [options]',
  usage: (line) => `Usage: npm run cli -- ${line}`,
  required: (option) => `--${option} is required`,
  passwordSource: 'Set the password in SAMRAAD_PASSWORD or pipe it on standard input',
  databaseReady: 'Database is up to date.',
  personId: '--id must be a person id (decimal digits)',
  roleOneOf: (roles) => `--role must be one of ${roles}`,
  accountCreated: (role, email) => `Created ${role} account ${email}.`,
  tokenOnce: 'API token (shown once; keep it secret):',
  programmeGrant: (pair) => `--programme must be KEY=facilitator or KEY=viewer, not "${pair}"`,
  noAccount: (email) => `No account ${email}`,
  passwordSet: (email) => `Password set for ${email}.`,
  yearSuchAs: '--year must be a year such as 2027',
  invalidSettings: (details) => `Invalid settings: ${details}`,
  planShown: (name) => `${name} (saved)`,
  planDryRun: (name) => `${name} (dry run, nothing saved)`,
  planSaved: (name, count) =>
    `${name} (saved, ${count} ${plural('en', count, { one: 'meeting', other: 'meetings' })})`,
  meetingId: '--id must be a meeting id',
  dateAndStart: '--date must be YYYY-MM-DD and --start HH:MM',
  moved: (title, date, start, end) => `${title}: moved to ${date}, ${start}–${end}.`,
  warning: (text) => `warning: ${text}`,
  movedNotice: 'Invitees get an updated calendar invitation when the outbox is sent (outbox:send).',
  line: (line, field, reason) => `line ${line}${field ? ` (${field})` : ''}: ${reason}`,
  imported: (dryRun, created, updated, unchanged, errors) =>
    `${dryRun ? 'Dry run: would create' : 'Created'} ${created}, ${dryRun ? 'update' : 'updated'} ${updated}, unchanged ${unchanged}, ${errors} error(s).`,
  programmeLoaded: (name, key, organisations, areas, people) =>
    `The programme ${name} (${key}) is loaded: ${organisations} ${plural('en', organisations, { one: 'organisation', other: 'organisations' })}, ${areas} ${plural('en', areas, { one: 'area', other: 'areas' })}, ${people} ${plural('en', people, { one: 'person', other: 'people' })}.`,
  fileField: (field, message) => `${field}: ${message}`,
  notJson: (file) => `${file} is not valid JSON`,
  unreadable: (file) => `${file} cannot be read: does the file exist, and may it be read?`,
  requeued: (count) => `Re-queued ${count} interrupted message(s).`,
  sent: (reminders, sent, retrying, failed) =>
    `Reminders queued ${reminders}; sent ${sent}, retrying later ${retrying}, failed ${failed}.`,
  daysWhole: '--days must be a whole number of days',
  noFixedContact: (meetingId, organisation) =>
    `meeting ${meetingId}: ${organisation} has no fixed contact person`,
  chased: (queued, meetings) => `${queued} reminder(s) queued for ${meetings} meeting(s).`,
  yearMust: '--year must be a year',
  formatOneOf: (formats) => `--format must be one of ${formats}`,
  langOneOf: (langs) => `--lang must be one of ${langs}`,
  wrote: (path) => `Wrote ${path}.`,
  followUps: (queued, earlier) => `Queued ${queued} reminder(s); ${earlier} already sent earlier.`,
  backupWritten: (path, migrations, mail) =>
    `Backup written to ${path} (${migrations} migrations, mail: ${mail ?? 'none'}).`,
  restored: (createdAt, path) => `Restored the backup of ${createdAt} to ${path}.`,
  backupRefused: (reason) => `The backup was not made or restored: ${reason}`,
  details: (text) => `Details: ${text}`,
};
