import { monthBlackoutName, rangeBlackoutName, weekBlackoutName } from '../../planning/blackouts.ts';
import type { RuleBreach } from '../../planning/rules.ts';
import type { Catalogue } from '../catalogue.ts';
import { clockText, dayDate, dayMonth, isoWeekdayName, monthName, weekdayDayDate } from '../dates.ts';
import { capitalised, listText } from '../lists.ts';
import { plural } from '../plural.ts';
import { daCli } from './da-cli.ts';
import { daEvaluation } from './da-evaluation.ts';
import { daNational } from './da-national.ts';
import { daPages } from './da-pages.ts';
import { daReferat } from './da-referat.ts';
import { daSessions } from './da-sessions.ts';

const day = (date: string) => capitalised(weekdayDayDate(date, 'da'));
const monthDay = (md: string) => dayMonth(`2024-${md}`, 'da');
const named = (name: string | null) => (name ? ` (${name})` : '');

/** A broken planning rule as the facilitator who moved the meeting reads it. */
function ruleSentence(b: RuleBreach): string {
  const who = 'facilitator' in b && b.facilitator ? b.facilitator : 'Facilitatoren';
  switch (b.rule) {
    case 'period':
      return `${day(b.date)} ligger uden for planens periode (${dayDate(b.first)}–${dayDate(b.last)}).`;
    case 'weekday':
      return `${day(b.date)}: møderne holdes kun ${listText(
        b.weekdays.map((d) => isoWeekdayName(d, 'da')),
        'da',
      )}.`;
    case 'holiday':
      return `${day(b.date)} er ${b.holiday}.`;
    case 'blackoutWeek':
      return `${day(b.date)} ligger i uge ${b.week}, som er friholdt${named(blackoutWord(weekBlackoutName(b.week)))}.`;
    case 'blackoutMonth':
      return `${day(b.date)} ligger i ${monthName(b.month, 'da')}, som er friholdt${named(blackoutWord(monthBlackoutName(b.month)))}.`;
    case 'blackoutRange':
      return `${day(b.date)} ligger i den friholdte periode ${monthDay(b.from)}–${monthDay(b.to)}${named(blackoutWord(rangeBlackoutName(b.from, b.to)))}.`;
    case 'blackoutDate':
      return `${day(b.date)} er friholdt for hele planen.`;
    case 'blackoutDay':
      return `${day(b.date)} er friholdt: ${blackoutWords[b.day]}.`;
    case 'areaBlackoutDate':
      return `${day(b.date)} er friholdt for området.`;
    case 'timeOfDay':
      return `Mødet kl. ${clockText(b.startTime)}–${clockText(b.endTime)} ligger uden for tidsrummet ${clockText(b.earliest)}–${clockText(b.latest)}.`;
    case 'facilitatorDay':
      return `${who} har allerede et møde ${weekdayDayDate(b.date, 'da')}.`;
    case 'facilitatorWeek':
      return `${who} ville få ${b.count} møder i uge ${b.week} (højst ${b.max}).`;
    case 'facilitatorGap':
      return `${who} har et møde ${weekdayDayDate(b.otherDate, 'da')}; der skal være mindst ${b.minDays} dage mellem to møder.`;
    case 'areaSameDay':
      return `Området har allerede et møde ${weekdayDayDate(b.date, 'da')}.`;
  }
}

const blackoutWords = {
  winter: 'vinterferie',
  autumn: 'efterårsferie',
  summer: 'sommerferie',
  christmas: 'jul og nytår',
  constitution_day: 'Grundlovsdag',
  days_before_easter: 'dagene før påske',
} as const;
const blackoutWord = (name: keyof typeof blackoutWords | null) => (name ? blackoutWords[name] : null);
const reason = (name: string | null) => (name ? `: ${name}.` : '.');

/** Danish: the default language, and the one the facilitators' pages are written in. */
export const da = {
  common: {
    greeting: (name) => `Kære ${name}`,
    closing: 'Venlig hilsen',
    signature: 'Samråd',
  },
  contact: {
    phone: 'tlf.',
    replyToFacilitator: 'Spørgsmål? Svar på denne e-mail, så går den til facilitatoren.',
  },
  replyAndNeeds: {
    replyBy: 'Svarfrist',
    replyByLine: (date) => `Svar senest ${date}. Senere svar modtages også.`,
    late: 'Svarfristen er overskredet, men dit svar modtages stadig.',
    dietaryNeeds: 'Hensyn til kost (allergi, vegetar m.m., frivilligt)',
    accessibilityNeeds: 'Behov for tilgængelighed (kørestol, teleslynge, tolk m.m., frivilligt)',
    needsHint: 'Kun facilitator og værten ser dine behov, og de slettes kort efter mødet.',
    closed: {
      cancelled: 'Mødet er aflyst, så der kan ikke længere svares. Dit svar er ikke ændret.',
      over: 'Mødet er afholdt, så der kan ikke længere svares. Dit svar er ikke ændret.',
    },
    hostSubject: (title) => `Deltagernes behov: ${title}`,
    hostLead: (title, when) =>
      `Her er de hensyn til kost og tilgængelighed, som deltagerne i ${title} (${when}) har oplyst.`,
    hostNone: 'Ingen deltagere har oplyst særlige behov.',
    hostDietary: 'Kost',
    hostAccess: 'Tilgængelighed',
  },
  reconfirm: {
    mailLead:
      'Mødet har fået et nyt tidspunkt, så dit tidligere svar gælder ikke længere. Svar venligst igen.',
    pageNotice: 'Tidspunktet er ændret — svar igen.',
    earlierAnswer: (answer) => `svarede ${answer} til det gamle tidspunkt`,
  },
  delivery: {
    heading: (count, mails) => `${count} ${mails} kom ikke frem`,
    mailOne: 'e-mail',
    mailOther: 'e-mails',
    hint: 'Ret adressen på personen, og send igen fra udbakken.',
    tableLabel: 'E-mails der ikke kom frem',
    recipient: 'Modtager',
    subject: 'Emne',
    how: 'Hvad skete der',
    reason: 'Mailserverens svar',
    when: 'Hvornår',
    refused: 'Afvist ved afsendelse',
    bounced: 'Sendt retur af modtagerens mailserver',
  },
  meetingMail: {
    subjectPrefix: {
      invitation: 'Invitation',
      update: 'Opdateret',
      cancel: 'Aflyst',
      withdrawn: 'Aflyst',
      reminder: 'Påmindelse',
    },
    lead: {
      invitation: 'Du inviteres hermed til mødet nedenfor.',
      update: 'Mødet er blevet ændret. Her er de opdaterede oplysninger.',
      cancel: 'Mødet nedenfor er aflyst.',
      withdrawn: 'Du er ikke længere på deltagerlisten til mødet nedenfor; det er fjernet fra din kalender.',
      reminder: 'En påmindelse om mødet nedenfor.',
    },
    delegatedBy: (name) => `${name} kan ikke deltage og har givet sin invitation videre til dig.`,
    when: 'Tidspunkt',
    where: 'Sted',
    agenda: 'Dagsorden',
    facilitator: 'Facilitator',
    reason: 'Begrundelse',
    answer: 'Svar',
    answerHint: 'Klik på dit svar. Du kan ændre det senere via samme link.',
    laterAnswer:
      'Du kan svare eller ændre dit svar via linkene i invitationen eller med knapperne i din kalender.',
    calendar: 'Mødet er vedhæftet som kalenderinvitation (invitation.ics).',
    clock: 'kl.',
    venueLater: 'Oplyses senere',
  },
  answerPage: {
    answers: { accepted: 'Deltager', tentative: 'Deltager måske', declined: 'Deltager ikke' },
    title: (meeting) => `Svar: ${meeting}`,
    when: 'Tidspunkt',
    where: 'Sted',
    venueLater: 'Oplyses senere',
    invited: 'Inviteret',
    cancelled: 'Mødet er aflyst. Du skal ikke svare.',
    notAnswered: 'Du har endnu ikke svaret.',
    delegatedTo: (name, email) => `Du har givet invitationen videre til ${name} (${email}).`,
    delegated: 'Du har givet invitationen videre.',
    yourAnswer: (answer) => `Dit svar: ${answer}.`,
    waitlisted: (answer, position) =>
      `Dit svar: ${answer}. Mødet er fuldt – du er nummer ${position} på ventelisten.`,
    legend: 'Dit svar',
    comment: 'Kommentar (frivilligt)',
    send: 'Send svar',
    delegateSummary: 'Kan du ikke selv deltage? Giv invitationen videre til en kollega',
    delegateName: 'Kollegaens navn',
    delegateEmail: 'Kollegaens e-mail',
    delegateSend: 'Giv invitationen videre',
    saved: 'Tak, dit svar er gemt.',
    delegateSaved: (name) => `Tak. ${name} har fået en invitation til mødet i dit sted.`,
    notFoundTitle: 'Siden findes ikke',
    notFound: 'Linket er ikke gyldigt. Kontakt den, der har inviteret dig, hvis du vil svare.',
  },
  dates: {
    proposalSubject: (title, date) => `Datoforslag: ${title} ${date}`,
    proposal: (organisation) => [
      `Vi foreslår nedenstående dato for mødet. Som fast kontaktperson for ${organisation} beder vi dig bekræfte datoen eller foreslå en anden.`,
      'Når alle parter har bekræftet, sender vi en "sæt kryds i kalenderen" og senere invitationen med dagsorden.',
    ],
    reminderSubject: (title) => `Påmindelse: bekræft datoen for ${title}`,
    reminder: (organisation, sentOn) => [
      `Vi sendte dig et datoforslag ${sentOn} og har endnu ikke hørt fra ${organisation}.`,
      'Bekræft venligst datoen eller foreslå en anden via knapperne herunder.',
    ],
    meeting: 'Møde',
    time: 'Tid',
    place: 'Sted',
    placeLater: 'Sted følger',
    reason: 'Hvorfor denne dato',
    actionsHeading: 'Passer datoen?',
    confirm: 'Bekræft datoen',
    propose: 'Foreslå en anden dato',
    linkHint: 'Linket er personligt – send det ikke videre.',
    saveTheDateSubject: (title, date) => `Sæt kryds i kalenderen: ${title} ${date}`,
    saveTheDate: [
      'Datoen for mødet er aftalt. Sæt kryds i kalenderen – kalenderaftalen er vedhæftet.',
      'Invitationen med dagsorden og svarlink følger og opdaterer den samme aftale i din kalender.',
    ],
    saveTheDateCalendar: 'Sæt kryds i kalenderen. Invitationen med dagsorden og svarlink følger.',
    page: {
      title: (meeting) => `Datoforslag: ${meeting}`,
      lead: (organisation) => `Du svarer som fast kontaktperson for ${organisation}.`,
      proposedBy: (name) => `Foreslået af ${name}`,
      confirmed: 'Tak. Du har bekræftet datoen.',
      agreed: 'Datoen er aftalt med alle parter.',
      countered: (date) => `Tak. Dit forslag (${date}) er sendt til facilitator, som vender tilbage.`,
      superseded: 'Dette datoforslag er erstattet af et nyere. Brug linket i den seneste e-mail.',
      closed: 'Mødet er aflyst eller afholdt, så datoen kan ikke længere ændres.',
      proposeHeading: 'Foreslå en anden dato',
      date: 'Dato',
      startTime: 'Start',
      endTime: 'Slut',
      note: 'Bemærkning',
      optional: '(valgfri)',
      send: 'Send forslag',
      refusedHeading: 'Datoen kan ikke bruges',
      badInput: 'Angiv en dato (åååå-mm-dd) og tidspunkter (tt:mm), hvor mødet slutter efter det starter.',
      notFoundTitle: 'Linket virker ikke',
      notFound: 'Linket er ukendt eller udløbet. Kontakt facilitator, hvis du skal svare på et datoforslag.',
    },
  },
  answerMail: {
    meeting: 'Møde',
    time: 'Tid',
    place: 'Sted',
    placeLater: 'Sted følger',
    waitlistedSubject: (title) => `På venteliste: ${title}`,
    waitlisted: (position) => [
      'Tak for din tilmelding. Mødet er fuldt booket, så du er sat på ventelisten.',
      `Du er nummer ${position} på ventelisten. Vi skriver til dig, så snart der bliver en plads.`,
    ],
    promotedSubject: (title) => `Du har fået en plads: ${title}`,
    promoted: [
      'Der er blevet en plads ledig, og du er rykket op fra ventelisten. Du er nu tilmeldt mødet.',
      'Kan du alligevel ikke deltage, så meld afbud via svarlinket i invitationen.',
    ],
    chaserSubject: (title) => `Påmindelse: ${title}`,
    chaser: (organisation, title) => [
      `Ingen fra ${organisation} har endnu meldt sig til ${title}.`,
      `Som fast kontaktperson for ${organisation} beder vi dig sørge for, at jeres organisation er repræsenteret – både på ledelses- og praksisniveau. De inviterede kan svare via linket i deres invitation.`,
    ],
  },
  followUpMail: {
    reviewSubject: (title) => `Aftale til revision: ${title}`,
    review: (title, district, date) => [
      `Aftalen "${title}" (politikreds ${district}) skal revideres senest ${date}. Du er angivet som ansvarlig kontaktperson.`,
      'Aftal venligst med de øvrige parter, om aftalen skal videreføres, revideres eller udløbe.',
    ],
    barrierSubject: 'En samarbejdsbarriere har været åben i over et år',
    barrier: (title, district, date) => [
      `Samarbejdsbarrieren "${title}" (politikreds ${district}) har været åben i et år pr. ${date}.`,
      'Overvej venligst, hvordan barrieren kan håndteres, eller notér hvorfor den fortsat er åben.',
    ],
  },
  labels: {
    agreementType: {
      samarbejdsaftale: 'Samarbejdsaftale',
      vejledningsmateriale: 'Vejledningsmateriale',
      skabelon_til_anmeldelse: 'Skabelon til anmeldelse',
      kontaktaftale: 'Aftale om yderligere kontakt',
      aftale_om_faste_moeder: 'Aftale om faste møder',
      other: 'Andet',
    },
    agreementStatus: {
      draft: 'Udkast',
      agreed: 'Aftalt',
      in_force: 'I kraft',
      under_revision: 'Under revision',
      expired: 'Udløbet',
    },
    barrierCategory: {
      knowledge_of_work: 'Manglende kendskab til hinandens arbejdsområder',
      knowledge_of_legislation: 'Manglende kendskab til hinandens lovgivning og procedurer',
      task_coordination: 'Dårlig koordinering af opgaver mellem kommune og politi',
      investigation_waiting_time: 'Ventetid under politiets efterforskning',
      talks_with_child: 'Uklare aftaler om samtaler med barn/forældre under efterforskningen',
      local_or_central_unit: 'Uklart hvilke sager der går til lokalstation eller central enhed',
      other: 'Andet',
    },
    barrierStatus: { open: 'Åben', being_addressed: 'Under behandling', resolved: 'Løst' },
    forumLevel: {
      all_municipalities: 'Forum med alle kommuner',
      single_municipalities: 'Fora med enkelte kommuner',
      none: 'Intet formelt forum (sag til sag)',
    },
    meetingStatus: {
      draft: 'Udkast',
      planned: 'Planlagt',
      invited: 'Inviteret',
      held: 'Afholdt',
      cancelled: 'Aflyst',
    },
    response: {
      needs_action: 'Intet svar',
      accepted: 'Deltager',
      tentative: 'Måske',
      declined: 'Deltager ikke',
      delegated: 'Sendt videre',
    },
    outboxStatus: {
      queued: 'I kø',
      sending: 'Sendes',
      sent: 'Sendt',
      failed: 'Fejlet',
    },
    organisationKind: {
      police_district: 'Politikreds',
      municipality: 'Kommune',
      childrens_house: 'Børnehus',
      local_police_unit: 'Lokalpoliti',
      facilitator_body: 'Facilitator',
      other: 'Andet',
    },
    language: { da: 'Dansk', en: 'Engelsk', nb: 'Norsk (bokmål)' },
  },
  report: {
    districtReportTitle: 'Rapport for politikredsen',
    nationalReportTitle: 'National rapport over politikredsmøderne',
    year: 'År',
    district: 'Politikreds',
    meeting: 'Mødet',
    noMeeting: 'Intet møde registreret i året',
    date: 'Dato',
    time: 'Tidspunkt',
    venue: 'Sted',
    status: 'Status',
    participants: 'Deltagere',
    people: 'Personer',
    organisationsRepresented: 'Medlemsorganisationer repræsenteret',
    leadership: 'Ledelsesniveau',
    practice: 'Praksisniveau',
    police: 'Politi',
    municipal: 'Kommuner',
    otherSides: 'Øvrige',
    organisation: 'Organisation',
    name: 'Navn',
    mapping: 'Kortlægning',
    noMapping: 'Ingen kortlægning registreret for året',
    forumLevel: 'Samarbejdsniveau',
    strengths: 'Styrker',
    challenges: 'Udfordringer',
    wishes: 'Ønsker',
    notes: 'Noter',
    agreements: 'Aftaler',
    noAgreements: 'Ingen aftaler',
    type: 'Type',
    title: 'Titel',
    agreedOn: 'Aftalt',
    reviewOn: 'Revideres',
    parties: 'Parter',
    allMunicipalities: 'Alle kommuner',
    barriers: 'Samarbejdsbarrierer',
    noBarriers: 'Ingen samarbejdsbarrierer',
    category: 'Kategori',
    description: 'Beskrivelse',
    raisedOn: 'Rejst',
    resolvedOn: 'Løst',
    changes: 'Ændringer siden sidste år',
    meetingHeld: 'Møde afholdt',
    yes: 'Ja',
    no: 'Nej',
    participation: 'Deltagelse',
    agreementsInForce: 'Aftaler i kraft',
    openBarriers: 'Åbne barrierer',
    resolvedBarriers: 'Løste barrierer',
    total: 'I alt',
    previousYear: 'Sidste år',
    change: 'Ændring',
    chartTitle: 'Aftaler i kraft og åbne barrierer pr. politikreds',
    generated: 'Dannet',
    newAgreements: 'Nye aftaler i året',
    newBarriers: 'Nye barrierer i året',
    barriersResolvedInYear: 'Barrierer løst i året',
    attendanceChange: 'Deltagere i forhold til sidste år',
    forumLevelChange: 'Samarbejdsniveau sidste år',
    linkedBarriers: 'Adresserer barrierer',
    rowKind: 'Række',
    agreementRow: 'Aftale',
    barrierRow: 'Barriere',
    responsible: 'Ansvarlige',
    byType: 'fordelt på type',
    level: 'Niveau',
    code: 'Kode',
    memberOrganisations: 'Medlemsorganisationer',
    overviewSheet: 'Oversigt',
    nationalSheet: (year) => `Nationalt ${year}`,
    agreementsFile: 'aftaler',
    nationalFile: 'national-rapport',
    area: 'Område',
    areaReportTitle: 'Rapport for området',
    overallReportTitle: (programme) => `Samlet rapport for ${programme}`,
    areaChartTitle: 'Aftaler i kraft og åbne barrierer pr. område',
  },
  attention: {
    withoutContact: (count) =>
      `${count} ${plural('da', count, { one: 'kommune', other: 'kommuner' })} uden kontaktperson i registret`,
    withoutInvitee: (count) =>
      `${count} ${plural('da', count, { one: 'kommune', other: 'kommuner' })} uden inviterede`,
  },
  planning: {
    explanation: {
      history: (day, lastDate) => `${capitalised(day)} passer med sidste års møde (${lastDate}).`,
      spread: (area, day) => `${area} får ${day}, så møderne spredes jævnt over året.`,
      packed: (area, day) => `Facilitatorerne har travlt, så ${area} får den første ledige dag: ${day}.`,
      current: (day, near) =>
        `${capitalised(day)} er den mulige dag nærmest mødets hidtidige dato (${near}).`,
      taken: (wanted) => `${capitalised(wanted)} var optaget, så mødet ligger på den nærmeste ledige dag.`,
      series: (name, n, of) => `${name}, nr. ${n} af ${of}.`,
      sequence: (n, of) => `Det er årets ${n}. møde af ${of}.`,
      farFromLast: (weeks, window) =>
        `Mødet ligger ${weeks} uger fra sidste års dato (mere end ${window} uger).`,
      times: (weekdays, start, end) => `Møderne holdes ${weekdays} kl. ${start}–${end}.`,
      noHolidays: 'Ikke på helligdage.',
      notInWeek: (week, name) => `Ikke i uge ${week}${reason(name)}`,
      notInMonth: (month, name) => `Ikke i ${month}${reason(name)}`,
      notInRange: (from, to, name) => `Ikke ${from}–${to}${reason(name)}`,
      notOnDate: (date, holiday) => `Ikke ${date}${reason(holiday)}`,
      notOnAreaDate: (date) => `Ikke ${date}: området er optaget.`,
      notOnNamedDays: (name) => `Ikke ${name}.`,
      facilitator: (name, meetings) =>
        `Facilitator: ${name}, der får ${meetings} ${plural('da', meetings, { one: 'møde', other: 'møder' })} i alt; møderne fordeles ligeligt.`,
      noFacilitator: 'Ingen facilitator er valgt.',
      hostFirst: (host) => `Vært: ${host}, der ikke har været vært før.`,
      hostFewest: (host, times) =>
        `Vært: ${host}, der har været vært færrest gange (${times} ${plural('da', times, { one: 'gang', other: 'gange' })}).`,
      noHost: 'Ingen vært: der er ingen villige værter i området.',
      hostNotAsked: 'Værten er ikke spurgt endnu: få det bekræftet.',
      moved: (day, start, end, by) => `Flyttet til ${day} kl. ${start}–${end} af ${by}.`,
      movedBreaksRules: 'Det bryder planlægningsreglerne; se advarslerne.',
      movedKeepsRules: 'Alle planlægningsregler er overholdt.',
      extra: (day, start, end, by) => `Ekstramøde oprettet af ${by} til ${day} kl. ${start}–${end}.`,
    },
    blackoutNames: blackoutWords,
    extraTitle: 'ekstramøde',
    rule: ruleSentence,
  },
  pages: daPages,
  cli: daCli,
  evaluation: daEvaluation,
  referat: daReferat,
  sessions: daSessions,
  nationalReport: daNational,
  calendarFeed: {
    cancelled: (title) => `Aflyst: ${title}`,
    place: (location) => `Sted: ${location}`,
  },
  refusal: {
    formExpired: 'Formularen er udløbet eller kom fra en anden side.',
    linkedRecords: 'Det hænger sammen med andre oplysninger (fx invitationer) og kan ikke ændres sådan.',
    page: {
      badInput: { title: 'Forkerte oplysninger', text: 'Siden kunne ikke bruge de oplysninger, den fik.' },
      forbidden: { title: 'Adgang nægtet', text: 'Du har ikke adgang til at gøre dette.' },
      notFound: { title: 'Siden findes ikke', text: 'Vi kunne ikke finde det, du ledte efter.' },
      conflict: { title: 'Kan ikke gemmes', text: 'Ændringen strider mod andre oplysninger.' },
      staleVersion: {
        title: 'Ændret af en anden',
        text: 'Nogen har ændret oplysningerne imens. Hent siden igen og prøv igen.',
      },
      unprocessable: { title: 'Kan ikke gennemføres', text: 'Ændringen kan ikke gennemføres.' },
      ruleConflict: {
        title: 'Flytningen bryder planlægningsreglerne',
        text: 'Sæt kryds i »Flyt alligevel« for at gemme den med advarslerne.',
      },
      infeasiblePlan: {
        title: 'Planen kan ikke lægges med disse indstillinger',
        text: 'Tillad flere ugedage eller færre uger uden møder, og prøv igen.',
      },
      tooManyAttempts: { title: 'For mange forsøg', text: 'Vent et minut, og prøv så igen.' },
      failure: { title: 'Der opstod en fejl', text: 'Prøv igen om lidt.' },
    },
    missingRole: (needed) =>
      needed === 'editor'
        ? 'Det kræver rollen facilitator eller administrator. Du kan se, men ikke ændre.'
        : 'Det kræver rollen administrator.',
    programmeRefused: (programme, needed) =>
      needed === 'write'
        ? `Du kan se programmet ${programme}, men ikke ændre i det: det kræver rollen facilitator i programmet.`
        : `Din konto har ikke adgang til programmet ${programme}.`,
    yearAlreadyPlanned: (year) => `${year} er allerede planlagt.`,
    programmeFile: (fault) =>
      fault.kind === 'alreadyLoaded'
        ? `Programmet ${fault.key} er allerede indlæst. Intet er ændret; ret det under programmets indstillinger.`
        : `Filen er ikke indlæst, og intet er gemt. Ret ${plural('da', fault.fields.length, { one: 'feltet', other: 'felterne' })} nedenfor, og prøv igen.`,
    catalogueInUse: (catalogue, key, usedBy) => {
      const thing = { language: 'Sproget', sector: 'Sektoren', organisationKind: 'Organisationstypen' }[
        catalogue
      ];
      const forms: Record<string, { one: string; other: string }> = {
        programmes: { one: 'program', other: 'programmer' },
        people: { one: 'person', other: 'personer' },
        languages: { one: 'andet sprog', other: 'andre sprog' },
        organisationKinds: { one: 'organisationstype', other: 'organisationstyper' },
        roles: { one: 'rolle', other: 'roller' },
        organisations: { one: 'organisation', other: 'organisationer' },
      };
      const uses = Object.entries(usedBy)
        .filter(([, n]) => n > 0)
        .map(([by, n]) => `${n} ${forms[by] ? plural('da', n, forms[by]) : by}`);
      return `${thing} ${key} kan ikke slettes, fordi det bruges af ${listText(uses, 'da')}.`;
    },
    register: (clash) => {
      switch (clash.kind) {
        case 'codeTaken':
          return `En anden organisation af samme type har allerede koden ${clash.code}.`;
        case 'memberElsewhere':
          return 'Organisationen er allerede medlem af et andet område af samme type.';
        case 'convenerLeaving':
          return 'Den indkaldende organisation kan ikke forlade sit eget område.';
        case 'hasContacts':
          return `Organisationen har stadig kontaktpersoner (${clash.people}). Flyt eller slet dem først.`;
        case 'convenesArea':
          return 'Organisationen indkalder et område (en politikreds) og kan ikke slettes.';
        case 'emailTaken':
          return 'Der findes allerede en person med denne e-mail.';
        case 'roleKeyTaken':
          return `Der findes allerede en rolle med nøglen ${clash.key}.`;
        case 'roleHeld':
          return `${clash.holders} ${plural('da', clash.holders, { one: 'person', other: 'personer' })} har rollen ${clash.key}. Tag den fra dem først.`;
      }
    },
    unplaced: (rule, areaName) =>
      rule === 'period'
        ? `${areaName}: perioden har for få tilladte dage efter ugedage, helligdage og friholdte dage`
        : rule === 'areaBlackoutDate'
          ? `${areaName}: alle tilladte dage i perioden er friholdt for området`
          : rule === 'areaGap'
            ? `${areaName}: der er ingen tilladt dag inden for det længste mellemrum mellem områdets møder`
            : `${areaName}: facilitatorerne har ikke plads til mødet inden for deres grænser pr. uge og dage imellem`,
  },
} satisfies Catalogue;
