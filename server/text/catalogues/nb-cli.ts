import type { CliTexts } from '../catalogue.ts';
import { plural } from '../plural.ts';

/** What the command line says, in Norwegian bokmål. */
export const nbCli: CliTexts = {
  summaries: {
    'db:migrate': 'Kjør databasens migreringer',
    'db:seed': 'Last inn de danske referansedataene (kan kjøres igjen; endrede rader beholdes)',
    'person:export': 'Skriv ut alt som er lagret om en person, som JSON (innsyn etter GDPR; logges)',
    'person:erase':
      'Slett en persons opplysninger (GDPR): anonymisert overalt, møtenes tall beholdes (logges)',
    'retention:apply':
      'Fjern personopplysninger eldre enn RETENTION_*-dagene nå (tjenesten gjør det hver time; logges)',
    'user:create': 'Opprett en konto og skriv ut en ny API-nøkkel én gang',
    'user:programmes': 'Angi programmene en konto arbeider i, og rollen i hvert (erstatter listen)',
    'user:password': 'Sett en kontos passord (fra SAMRAAD_PASSWORD eller standard input)',
    'user:token': 'Skriv ut en ny API-nøkkel for en eksisterende konto',
    plan: 'Planlegg et år (ett møte per politidistrikt) og vis det som en tabell',
    'meeting:move':
      'Flytt et møte til en annen dag (samme lengde); de inviterte får en oppdatert kalenderinvitasjon',
    'programme:load':
      'Last inn et program fra en programfil (f.eks. examples/*.json): alt eller ingenting; et innlastet program avvises',
    'people:import': 'Les inn kontaktpersoner fra en CSV-fil (se POST /api/people/import)',
    'outbox:send': 'Legg påminnelser i kø og send utboksen (SMTP_URL, ellers lagret i MAIL_DIR)',
    'invitations:chase':
      'Påminn den faste kontakten i organisasjoner der ingen har meldt seg på (én gang hver)',
    report: 'Skriv en rapport: for et politidistrikt med --district, ellers den nasjonale',
    'follow-ups:send': 'Legg påminnelser i kø om avtaler til revisjon og barrierer åpne i over et år',
    backup: 'Kopier databasen (mens tjenesten kjører) og e-postmappen til en tom mappe',
    restore:
      'Legg en sikkerhetskopi i en tom datamappe (DATABASE_PATH og MAIL_DIR); avviser en mappe med innhold',
  },
  usageHeading: 'Bruk: npm run cli -- <kommando> [valg]',
  usage: (line) => `Bruk: npm run cli -- ${line}`,
  required: (option) => `--${option} må oppgis`,
  passwordSource: 'Sett passordet i SAMRAAD_PASSWORD, eller send det på standard input',
  databaseReady: 'Databasen er oppdatert.',
  personId: '--id må være en persons id (sifre)',
  roleOneOf: (roles) => `--role må være en av ${roles}`,
  accountCreated: (role, email) => `Kontoen ${email} er opprettet med rollen ${role}.`,
  tokenOnce: 'API-nøkkel (vises bare denne ene gangen; hold den hemmelig):',
  programmeGrant: (pair) => `--programme må være NØKKEL=facilitator eller NØKKEL=viewer, ikke «${pair}»`,
  noAccount: (email) => `Det finnes ingen konto ${email}`,
  passwordSet: (email) => `Passordet er satt for ${email}.`,
  yearSuchAs: '--year må være et år, f.eks. 2027',
  invalidSettings: (details) => `Ugyldige innstillinger: ${details}`,
  planShown: (name) => `${name} (lagret)`,
  planDryRun: (name) => `${name} (prøvekjøring, ingenting lagret)`,
  planSaved: (name, count) =>
    `${name} (lagret, ${count} ${plural('nb', count, { one: 'møte', other: 'møter' })})`,
  meetingId: '--id må være et møtes id',
  dateAndStart: '--date må skrives ÅÅÅÅ-MM-DD og --start TT:MM',
  moved: (title, date, start, end) => `${title}: flyttet til ${date} kl. ${start}–${end}.`,
  warning: (text) => `advarsel: ${text}`,
  movedNotice: 'De inviterte får en oppdatert kalenderinvitasjon når utboksen sendes (outbox:send).',
  line: (line, field, reason) => `linje ${line}${field ? ` (${field})` : ''}: ${reason}`,
  imported: (dryRun, created, updated, unchanged, errors) =>
    dryRun
      ? `Prøvekjøring: ville opprette ${created}, oppdatere ${updated}, uendret ${unchanged}, ${errors} feil.`
      : `Opprettet ${created}, oppdatert ${updated}, uendret ${unchanged}, ${errors} feil.`,
  programmeLoaded: (name, key, organisations, areas, people) =>
    `Programmet ${name} (${key}) er lastet inn: ${organisations} ${plural('nb', organisations, { one: 'organisasjon', other: 'organisasjoner' })}, ${areas} ${plural('nb', areas, { one: 'område', other: 'områder' })}, ${people} ${plural('nb', people, { one: 'person', other: 'personer' })}.`,
  fileField: (field, message) => `${field}: ${message}`,
  notJson: (file) => `${file} er ikke gyldig JSON`,
  unreadable: (file) => `${file} kan ikke leses: finnes filen, og kan den leses?`,
  requeued: (count) => `${count} avbrutte e-poster lagt i kø igjen.`,
  sent: (reminders, sent, retrying, failed) =>
    `Påminnelser lagt i kø: ${reminders}; sendt ${sent}, prøves igjen senere ${retrying}, feilet ${failed}.`,
  daysWhole: '--days må være et helt antall dager',
  noFixedContact: (meetingId, organisation) =>
    `møte ${meetingId}: ${organisation} har ingen fast kontaktperson`,
  chased: (queued, meetings) => `${queued} påminnelser lagt i kø til ${meetings} møter.`,
  yearMust: '--year må være et år',
  formatOneOf: (formats) => `--format må være en av ${formats}`,
  langOneOf: (langs) => `--lang må være en av ${langs}`,
  wrote: (path) => `Skrev ${path}.`,
  followUps: (queued, earlier) => `${queued} påminnelser lagt i kø; ${earlier} var sendt før.`,
  backupWritten: (path, migrations, mail) =>
    `Sikkerhetskopien er skrevet til ${path} (${migrations} migreringer, e-post: ${mail ?? 'ingen'}).`,
  restored: (createdAt, path) => `Sikkerhetskopien fra ${createdAt} er lagt inn i ${path}.`,
  backupRefused: (reason) => `Sikkerhetskopien ble ikke laget eller lagt inn: ${reason}`,
  details: (text) => `Detaljer: ${text}`,
};
