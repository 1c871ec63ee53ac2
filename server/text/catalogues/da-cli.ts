import { plural } from '../plural.ts';

/** What the command line says, in Danish: the shape the other languages follow (catalogue.ts). */
export const daCli = {
  summaries: {
    'db:migrate': 'Kør databasens migreringer',
    'db:seed': 'Indlæs de danske referencedata (kan køres igen; rettede rækker bevares)',
    'person:export': 'Skriv alt, der er gemt om en person, som JSON (indsigt efter GDPR; logges)',
    'person:erase': 'Slet en persons oplysninger (GDPR): anonymiseret overalt, mødernes tal bevares (logges)',
    'retention:apply':
      'Fjern personoplysninger ældre end RETENTION_*-dagene nu (tjenesten gør det hver time; logges)',
    'user:create': 'Opret en konto og skriv en ny API-nøgle én gang',
    'user:programmes': 'Sæt de programmer en konto arbejder i, og rollen i hvert (erstatter listen)',
    'user:password': 'Sæt en kontos adgangskode (fra SAMRAAD_PASSWORD eller standard input)',
    'user:token': 'Skriv en ny API-nøgle til en eksisterende konto',
    plan: 'Planlæg et år (ét møde pr. politikreds) og vis det som en tabel',
    'meeting:move':
      'Flyt et møde til en anden dag (samme længde); inviterede får en opdateret kalenderinvitation',
    'people:import': 'Indlæs kontaktpersoner fra en CSV-fil (se POST /api/people/import)',
    'programme:load':
      'Indlæs et program fra en programfil (fx examples/*.json): alt eller intet; et indlæst program afvises',
    'outbox:send': 'Læg påmindelser i kø, og send udbakken (SMTP_URL, ellers gemt i MAIL_DIR)',
    'invitations:chase':
      'Påmind den faste kontakt i organisationer, hvorfra ingen har meldt sig (én gang hver)',
    report: 'Skriv en rapport: for en politikreds med --district, ellers den nationale',
    'follow-ups:send': 'Læg påmindelser i kø om aftaler til revision og barrierer åbne i over et år',
    backup: 'Kopiér databasen (mens tjenesten kører) og postmappen til en tom mappe',
    restore:
      'Læg en sikkerhedskopi i en tom datamappe (DATABASE_PATH og MAIL_DIR); afviser en mappe med indhold',
  } as Record<string, string>,
  usageHeading: 'Brug: npm run cli -- <kommando> [tilvalg]',
  usage: (line: string) => `Brug: npm run cli -- ${line}`,
  required: (option: string) => `--${option} skal angives`,
  passwordSource: 'Sæt adgangskoden i SAMRAAD_PASSWORD, eller send den på standard input',
  databaseReady: 'Databasen er opdateret.',
  personId: '--id skal være en persons id (cifre)',
  roleOneOf: (roles: string) => `--role skal være en af ${roles}`,
  accountCreated: (role: string, email: string) => `Kontoen ${email} er oprettet med rollen ${role}.`,
  tokenOnce: 'API-nøgle (vises kun denne ene gang; hold den hemmelig):',
  programmeGrant: (pair: string) =>
    `--programme skal være NØGLE=facilitator eller NØGLE=viewer, ikke »${pair}«`,
  noAccount: (email: string) => `Der er ingen konto ${email}`,
  passwordSet: (email: string) => `Adgangskoden er sat for ${email}.`,
  yearSuchAs: '--year skal være et år, fx 2027',
  invalidSettings: (details: string) => `Ugyldige indstillinger: ${details}`,
  planShown: (name: string) => `${name} (gemt)`,
  planDryRun: (name: string) => `${name} (prøvekørsel, intet gemt)`,
  planSaved: (name: string, count: number) =>
    `${name} (gemt, ${count} ${plural('da', count, { one: 'møde', other: 'møder' })})`,
  meetingId: '--id skal være et mødes id',
  dateAndStart: '--date skal skrives ÅÅÅÅ-MM-DD og --start TT:MM',
  moved: (title: string, date: string, start: string, end: string) =>
    `${title}: flyttet til ${date} kl. ${start}–${end}.`,
  warning: (text: string) => `advarsel: ${text}`,
  movedNotice: 'Inviterede får en opdateret kalenderinvitation, når udbakken sendes (outbox:send).',
  line: (line: number, field: string | undefined, reason: string) =>
    `linje ${line}${field ? ` (${field})` : ''}: ${reason}`,
  imported: (dryRun: boolean, created: number, updated: number, unchanged: number, errors: number) =>
    dryRun
      ? `Prøvekørsel: ville oprette ${created}, opdatere ${updated}, uændret ${unchanged}, ${errors} fejl.`
      : `Oprettet ${created}, opdateret ${updated}, uændret ${unchanged}, ${errors} fejl.`,
  programmeLoaded: (name: string, key: string, organisations: number, areas: number, people: number) =>
    `Programmet ${name} (${key}) er indlæst: ${organisations} ${plural('da', organisations, { one: 'organisation', other: 'organisationer' })}, ${areas} ${plural('da', areas, { one: 'område', other: 'områder' })}, ${people} ${plural('da', people, { one: 'person', other: 'personer' })}.`,
  fileField: (field: string, message: string) => `${field}: ${message}`,
  notJson: (file: string) => `${file} er ikke gyldig JSON`,
  unreadable: (file: string) => `${file} kan ikke læses: findes filen, og må den læses?`,
  requeued: (count: number) =>
    `${count} ${plural('da', count, { one: 'afbrudt e-mail', other: 'afbrudte e-mails' })} lagt i kø igen.`,
  sent: (reminders: number, sent: number, retrying: number, failed: number) =>
    `Påmindelser lagt i kø: ${reminders}; sendt ${sent}, prøves igen senere ${retrying}, fejlet ${failed}.`,
  daysWhole: '--days skal være et helt antal dage',
  noFixedContact: (meetingId: number, organisation: string) =>
    `møde ${meetingId}: ${organisation} har ingen fast kontaktperson`,
  chased: (queued: number, meetings: number) =>
    `${queued} ${plural('da', queued, { one: 'påmindelse', other: 'påmindelser' })} lagt i kø til ${meetings} ${plural('da', meetings, { one: 'møde', other: 'møder' })}.`,
  yearMust: '--year skal være et år',
  formatOneOf: (formats: string) => `--format skal være en af ${formats}`,
  langOneOf: (langs: string) => `--lang skal være en af ${langs}`,
  wrote: (path: string) => `Skrev ${path}.`,
  followUps: (queued: number, earlier: number) =>
    `${queued} ${plural('da', queued, { one: 'påmindelse', other: 'påmindelser' })} lagt i kø; ${earlier} var sendt før.`,
  backupWritten: (path: string, migrations: number, mail: string | null) =>
    `Sikkerhedskopien er skrevet til ${path} (${migrations} migreringer, post: ${mail ?? 'ingen'}).`,
  restored: (createdAt: string, path: string) => `Sikkerhedskopien fra ${createdAt} er lagt ind i ${path}.`,
  backupRefused: (reason: string) => `Sikkerhedskopien blev ikke lavet eller lagt ind: ${reason}`,
  details: (text: string) => `Detaljer: ${text}`,
};
