import { monthBlackoutName, rangeBlackoutName, weekBlackoutName } from '../../planning/blackouts.ts';
import type { RuleBreach } from '../../planning/rules.ts';
import type { Catalogue } from '../catalogue.ts';
import { clockText, dayDate, dayMonth, isoWeekdayName, monthName, weekdayDayDate } from '../dates.ts';
import { capitalised, listText } from '../lists.ts';
import { plural } from '../plural.ts';
import { nbCli } from './nb-cli.ts';
import { nbEvaluation } from './nb-evaluation.ts';
import { nbNational } from './nb-national.ts';
import { nbPages } from './nb-pages.ts';
import { nbReferat } from './nb-referat.ts';
import { nbSessions } from './nb-sessions.ts';

const day = (date: string) => capitalised(weekdayDayDate(date, 'nb'));
const monthDay = (md: string) => dayMonth(`2024-${md}`, 'nb');
const named = (name: string | null) => (name ? ` (${name})` : '');
const clock = (time: string) => clockText(time, 'nb');

/** A broken planning rule as a Norwegian facilitator who moved the meeting reads it. */
function ruleSentence(b: RuleBreach): string {
  const who = 'facilitator' in b && b.facilitator ? b.facilitator : 'Fasilitatoren';
  switch (b.rule) {
    case 'period':
      return `${day(b.date)} ligger utenfor planperioden (${dayDate(b.first, 'nb')}–${dayDate(b.last, 'nb')}).`;
    case 'weekday':
      return `${day(b.date)}: møtene holdes bare ${listText(
        b.weekdays.map((d) => isoWeekdayName(d, 'nb')),
        'nb',
      )}.`;
    case 'holiday':
      return `${day(b.date)} er ${b.holiday}.`;
    case 'blackoutWeek':
      return `${day(b.date)} ligger i uke ${b.week}, som holdes fri${named(blackoutWord(weekBlackoutName(b.week)))}.`;
    case 'blackoutMonth':
      return `${day(b.date)} ligger i ${monthName(b.month, 'nb')}, som holdes fri${named(blackoutWord(monthBlackoutName(b.month)))}.`;
    case 'blackoutRange':
      return `${day(b.date)} ligger i perioden ${monthDay(b.from)}–${monthDay(b.to)}, som holdes fri${named(blackoutWord(rangeBlackoutName(b.from, b.to)))}.`;
    case 'blackoutDate':
      return `${day(b.date)} holdes fri for hele planen.`;
    case 'blackoutDay':
      return `${day(b.date)} holdes fri: ${blackoutWords[b.day]}.`;
    case 'areaBlackoutDate':
      return `${day(b.date)} holdes fri for området.`;
    case 'timeOfDay':
      return `Møtet kl. ${clock(b.startTime)}–${clock(b.endTime)} ligger utenfor tidsrommet ${clock(b.earliest)}–${clock(b.latest)}.`;
    case 'facilitatorDay':
      return `${who} har allerede et møte ${weekdayDayDate(b.date, 'nb')}.`;
    case 'facilitatorWeek':
      return `${who} ville fått ${b.count} møter i uke ${b.week} (høyst ${b.max}).`;
    case 'facilitatorGap':
      return `${who} har et møte ${weekdayDayDate(b.otherDate, 'nb')}; det må være minst ${b.minDays} dager mellom to møter.`;
    case 'areaSameDay':
      return `Området har allerede et møte ${weekdayDayDate(b.date, 'nb')}.`;
  }
}

const blackoutWords = {
  winter: 'vinterferie',
  autumn: 'høstferie',
  summer: 'sommerferie',
  christmas: 'jul og nyttår',
  constitution_day: 'den danske grunnlovsdagen',
  days_before_easter: 'dagene før påske',
} as const;
const blackoutWord = (name: keyof typeof blackoutWords | null) => (name ? blackoutWords[name] : null);
const reason = (name: string | null) => (name ? `: ${name}.` : '.');

/** Norwegian bokmål, as a Norwegian public-sector facilitator writes to the people they invite. */
export const nb = {
  common: {
    greeting: (name) => `Hei ${name}`,
    closing: 'Vennlig hilsen',
    signature: 'Samråd',
  },
  contact: {
    phone: 'tlf.',
    replyToFacilitator: 'Spørsmål? Svar på denne e-posten, så går den til fasilitatoren.',
  },
  replyAndNeeds: {
    replyBy: 'Svarfrist',
    replyByLine: (date) => `Svar senest ${date}. Senere svar tas også imot.`,
    late: 'Svarfristen er passert, men svaret ditt tas fortsatt imot.',
    dietaryNeeds: 'Hensyn til kost (allergi, vegetar o.l., valgfritt)',
    accessibilityNeeds: 'Behov for tilgjengelighet (rullestol, teleslynge, tolk o.l., valgfritt)',
    needsHint: 'Bare fasilitatoren og verten ser behovene dine, og de slettes kort tid etter møtet.',
    closed: {
      cancelled: 'Møtet er avlyst, så det kan ikke lenger svares. Svaret ditt er ikke endret.',
      over: 'Møtet er avholdt, så det kan ikke lenger svares. Svaret ditt er ikke endret.',
    },
    hostSubject: (title) => `Deltakernes behov: ${title}`,
    hostLead: (title, when) =>
      `Her er hensynene til kost og tilgjengelighet som deltakerne på ${title} (${when}) har oppgitt.`,
    hostNone: 'Ingen deltakere har oppgitt særlige behov.',
    hostDietary: 'Kost',
    hostAccess: 'Tilgjengelighet',
  },
  reconfirm: {
    mailLead:
      'Møtet har fått et nytt tidspunkt, så det tidligere svaret ditt gjelder ikke lenger. Vennligst svar på nytt.',
    pageNotice: 'Tidspunktet er endret — svar på nytt.',
    earlierAnswer: (answer) => `svarte ${answer} til det gamle tidspunktet`,
  },
  delivery: {
    heading: (count, mails) => `${count} ${mails} kom ikke fram`,
    mailOne: 'e-post',
    mailOther: 'e-poster',
    hint: 'Rett adressen på personen, og send på nytt fra utboksen.',
    tableLabel: 'E-poster som ikke kom fram',
    recipient: 'Mottaker',
    subject: 'Emne',
    how: 'Hva skjedde',
    reason: 'Svaret fra e-postserveren',
    when: 'Når',
    refused: 'Avvist ved sending',
    bounced: 'Sendt i retur av mottakerens e-postserver',
  },
  meetingMail: {
    subjectPrefix: {
      invitation: 'Innkalling',
      update: 'Oppdatert',
      cancel: 'Avlyst',
      withdrawn: 'Avlyst',
      reminder: 'Påminnelse',
    },
    lead: {
      invitation: 'Du innkalles herved til møtet nedenfor.',
      update: 'Møtet er endret. Her er de oppdaterte opplysningene.',
      cancel: 'Møtet nedenfor er avlyst.',
      withdrawn:
        'Du står ikke lenger på deltakerlisten til møtet nedenfor; det er fjernet fra kalenderen din.',
      reminder: 'En påminnelse om møtet nedenfor.',
    },
    delegatedBy: (name) => `${name} kan ikke delta og har gitt innkallingen sin videre til deg.`,
    when: 'Tidspunkt',
    where: 'Sted',
    agenda: 'Saksliste',
    facilitator: 'Fasilitator',
    reason: 'Begrunnelse',
    answer: 'Svar',
    answerHint: 'Klikk på svaret ditt. Du kan endre det senere via den samme lenken.',
    laterAnswer:
      'Du kan svare eller endre svaret ditt via lenkene i innkallingen eller med knappene i kalenderen din.',
    calendar: 'Møtet er vedlagt som kalenderinvitasjon (invitation.ics).',
    clock: 'kl.',
    venueLater: 'Kommer senere',
  },
  answerPage: {
    answers: { accepted: 'Deltar', tentative: 'Deltar kanskje', declined: 'Deltar ikke' },
    title: (meeting) => `Svar: ${meeting}`,
    when: 'Tidspunkt',
    where: 'Sted',
    venueLater: 'Kommer senere',
    invited: 'Invitert',
    cancelled: 'Møtet er avlyst. Du trenger ikke å svare.',
    notAnswered: 'Du har ikke svart ennå.',
    delegatedTo: (name, email) => `Du har gitt innkallingen videre til ${name} (${email}).`,
    delegated: 'Du har gitt innkallingen videre.',
    yourAnswer: (answer) => `Svaret ditt: ${answer}.`,
    waitlisted: (answer, position) =>
      `Svaret ditt: ${answer}. Møtet er fullt – du er nummer ${position} på ventelisten.`,
    legend: 'Svaret ditt',
    comment: 'Kommentar (valgfritt)',
    send: 'Send svar',
    delegateSummary: 'Kan du ikke delta selv? Gi innkallingen videre til en kollega',
    delegateName: 'Kollegaens navn',
    delegateEmail: 'Kollegaens e-postadresse',
    delegateSend: 'Gi innkallingen videre',
    saved: 'Takk, svaret ditt er lagret.',
    delegateSaved: (name) => `Takk. ${name} har fått en innkalling til møtet i stedet for deg.`,
    notFoundTitle: 'Siden finnes ikke',
    notFound: 'Lenken er ikke gyldig. Kontakt den som inviterte deg, hvis du vil svare.',
  },
  dates: {
    proposalSubject: (title, date) => `Datoforslag: ${title} ${date}`,
    proposal: (organisation) => [
      `Vi foreslår datoen nedenfor for møtet. Som fast kontaktperson for ${organisation} ber vi deg bekrefte datoen eller foreslå en annen.`,
      'Når alle parter har bekreftet, sender vi en «sett av datoen» og senere invitasjonen med dagsorden.',
    ],
    reminderSubject: (title) => `Påminnelse: bekreft datoen for ${title}`,
    reminder: (organisation, sentOn) => [
      `Vi sendte deg et datoforslag ${sentOn} og har ennå ikke hørt fra ${organisation}.`,
      'Bekreft datoen eller foreslå en annen med knappene nedenfor.',
    ],
    meeting: 'Møte',
    time: 'Tid',
    place: 'Sted',
    placeLater: 'Sted kommer',
    reason: 'Hvorfor denne datoen',
    actionsHeading: 'Passer datoen?',
    confirm: 'Bekreft datoen',
    propose: 'Foreslå en annen dato',
    linkHint: 'Lenken er personlig – ikke send den videre.',
    saveTheDateSubject: (title, date) => `Sett av datoen: ${title} ${date}`,
    saveTheDate: [
      'Datoen for møtet er avtalt. Sett av datoen – kalenderavtalen er vedlagt.',
      'Invitasjonen med dagsorden og svarlenke kommer og oppdaterer den samme avtalen i kalenderen din.',
    ],
    saveTheDateCalendar: 'Sett av datoen. Invitasjonen med dagsorden og svarlenke kommer.',
    page: {
      title: (meeting) => `Datoforslag: ${meeting}`,
      lead: (organisation) => `Du svarer som fast kontaktperson for ${organisation}.`,
      proposedBy: (name) => `Foreslått av ${name}`,
      confirmed: 'Takk. Du har bekreftet datoen.',
      agreed: 'Datoen er avtalt med alle parter.',
      countered: (date) =>
        `Takk. Forslaget ditt (${date}) er sendt til fasilitator, som kommer tilbake til deg.`,
      superseded: 'Dette datoforslaget er erstattet av et nyere. Bruk lenken i den siste e-posten.',
      closed: 'Møtet er avlyst eller holdt, så datoen kan ikke lenger endres.',
      proposeHeading: 'Foreslå en annen dato',
      date: 'Dato',
      startTime: 'Start',
      endTime: 'Slutt',
      note: 'Merknad',
      optional: '(valgfritt)',
      send: 'Send forslag',
      refusedHeading: 'Datoen kan ikke brukes',
      badInput: 'Oppgi en dato (åååå-mm-dd) og klokkeslett (tt:mm) der møtet slutter etter at det starter.',
      notFoundTitle: 'Lenken virker ikke',
      notFound: 'Lenken er ukjent eller utløpt. Kontakt fasilitator hvis du skal svare på et datoforslag.',
    },
  },
  answerMail: {
    meeting: 'Møte',
    time: 'Tid',
    place: 'Sted',
    placeLater: 'Sted kommer senere',
    waitlistedSubject: (title) => `På venteliste: ${title}`,
    waitlisted: (position) => [
      'Takk for påmeldingen. Møtet er fullt, så du er satt på venteliste.',
      `Du er nummer ${position} på ventelisten. Vi gir deg beskjed så snart det blir en ledig plass.`,
    ],
    promotedSubject: (title) => `Du har fått plass: ${title}`,
    promoted: [
      'Det har blitt en ledig plass, og du har rykket opp fra ventelisten. Du er nå påmeldt møtet.',
      'Hvis du likevel ikke kan delta, gi beskjed via svarlenken i innkallingen.',
    ],
    chaserSubject: (title) => `Påminnelse: ${title}`,
    chaser: (organisation, title) => [
      `Ingen fra ${organisation} har meldt seg på ${title} ennå.`,
      `Som fast kontaktperson for ${organisation} ber vi deg sørge for at organisasjonen deres er representert – både på ledernivå og på praksisnivå. De inviterte kan svare via lenken i innkallingen sin.`,
    ],
  },
  followUpMail: {
    reviewSubject: (title) => `Avtale til revisjon: ${title}`,
    review: (title, district, date) => [
      `Avtalen «${title}» (politidistrikt ${district}) skal revideres senest ${date}. Du står oppført som ansvarlig kontaktperson.`,
      'Avklar med de andre partene om avtalen skal videreføres, revideres eller utløpe.',
    ],
    barrierSubject: 'En samarbeidsbarriere har vært åpen i over et år',
    barrier: (title, district, date) => [
      `Samarbeidsbarrieren «${title}» (politidistrikt ${district}) har vært åpen i ett år per ${date}.`,
      'Vurder hvordan barrieren kan håndteres, eller noter hvorfor den fortsatt er åpen.',
    ],
  },
  labels: {
    agreementType: {
      samarbejdsaftale: 'Samarbeidsavtale',
      vejledningsmateriale: 'Veiledningsmateriell',
      skabelon_til_anmeldelse: 'Mal for anmeldelse',
      kontaktaftale: 'Avtale om videre kontakt',
      aftale_om_faste_moeder: 'Avtale om faste møter',
      other: 'Annet',
    },
    agreementStatus: {
      draft: 'Utkast',
      agreed: 'Avtalt',
      in_force: 'I kraft',
      under_revision: 'Under revisjon',
      expired: 'Utløpt',
    },
    barrierCategory: {
      knowledge_of_work: 'Manglende kjennskap til hverandres arbeidsområder',
      knowledge_of_legislation: 'Manglende kjennskap til hverandres regelverk og rutiner',
      task_coordination: 'Dårlig koordinering av oppgaver mellom kommune og politi',
      investigation_waiting_time: 'Ventetid under politiets etterforskning',
      talks_with_child: 'Uklare avtaler om samtaler med barn/foreldre under etterforskningen',
      local_or_central_unit: 'Uklart hvilke saker som går til lokal enhet eller sentral enhet',
      other: 'Annet',
    },
    barrierStatus: { open: 'Åpen', being_addressed: 'Under behandling', resolved: 'Løst' },
    forumLevel: {
      all_municipalities: 'Forum med alle kommunene',
      single_municipalities: 'Fora med enkeltkommuner',
      none: 'Ikke noe fast forum (sak til sak)',
    },
    meetingStatus: {
      draft: 'Utkast',
      planned: 'Planlagt',
      invited: 'Innkalt',
      held: 'Avholdt',
      cancelled: 'Avlyst',
    },
    response: {
      needs_action: 'Ikke svart',
      accepted: 'Deltar',
      tentative: 'Kanskje',
      declined: 'Deltar ikke',
      delegated: 'Sendt videre',
    },
    outboxStatus: {
      queued: 'I kø',
      sending: 'Sendes',
      sent: 'Sendt',
      failed: 'Feilet',
    },
    organisationKind: {
      police_district: 'Politidistrikt',
      municipality: 'Kommune',
      childrens_house: 'Barnehus',
      local_police_unit: 'Lokalt politi',
      facilitator_body: 'Fasilitator',
      other: 'Annet',
    },
    language: { da: 'Dansk', en: 'Engelsk', nb: 'Norsk bokmål' },
  },
  report: {
    districtReportTitle: 'Rapport for politidistriktet',
    nationalReportTitle: 'Nasjonal rapport om møtene i politidistriktene',
    year: 'År',
    district: 'Politidistrikt',
    meeting: 'Møtet',
    noMeeting: 'Ingen møter registrert i året',
    date: 'Dato',
    time: 'Tidspunkt',
    venue: 'Sted',
    status: 'Status',
    participants: 'Deltakere',
    people: 'Personer',
    organisationsRepresented: 'Medlemsorganisasjoner representert',
    leadership: 'Ledernivå',
    practice: 'Praksisnivå',
    police: 'Politi',
    municipal: 'Kommuner',
    otherSides: 'Andre',
    organisation: 'Organisasjon',
    name: 'Navn',
    mapping: 'Kartlegging',
    noMapping: 'Ingen kartlegging registrert for året',
    forumLevel: 'Samarbeidsnivå',
    strengths: 'Styrker',
    challenges: 'Utfordringer',
    wishes: 'Ønsker',
    notes: 'Notater',
    agreements: 'Avtaler',
    noAgreements: 'Ingen avtaler',
    type: 'Type',
    title: 'Tittel',
    agreedOn: 'Avtalt',
    reviewOn: 'Revideres',
    parties: 'Parter',
    allMunicipalities: 'Alle kommunene',
    barriers: 'Samarbeidsbarrierer',
    noBarriers: 'Ingen samarbeidsbarrierer',
    category: 'Kategori',
    description: 'Beskrivelse',
    raisedOn: 'Meldt',
    resolvedOn: 'Løst',
    changes: 'Endringer siden i fjor',
    meetingHeld: 'Møte avholdt',
    yes: 'Ja',
    no: 'Nei',
    participation: 'Deltakelse',
    agreementsInForce: 'Avtaler i kraft',
    openBarriers: 'Åpne barrierer',
    resolvedBarriers: 'Løste barrierer',
    total: 'Totalt',
    previousYear: 'I fjor',
    change: 'Endring',
    chartTitle: 'Avtaler i kraft og åpne barrierer per politidistrikt',
    generated: 'Laget',
    newAgreements: 'Nye avtaler i året',
    newBarriers: 'Nye barrierer i året',
    barriersResolvedInYear: 'Barrierer løst i året',
    attendanceChange: 'Deltakere sammenlignet med i fjor',
    forumLevelChange: 'Samarbeidsnivå i fjor',
    linkedBarriers: 'Gjelder barrierer',
    rowKind: 'Rad',
    agreementRow: 'Avtale',
    barrierRow: 'Barriere',
    responsible: 'Ansvarlige',
    byType: 'fordelt på type',
    level: 'Nivå',
    code: 'Kode',
    memberOrganisations: 'Medlemsorganisasjoner',
    overviewSheet: 'Oversikt',
    nationalSheet: (year) => `Nasjonalt ${year}`,
    agreementsFile: 'avtaler',
    nationalFile: 'nasjonal-rapport',
    area: 'Område',
    areaReportTitle: 'Rapport for området',
    overallReportTitle: (programme) => `Samlet rapport for ${programme}`,
    areaChartTitle: 'Avtaler i kraft og åpne barrierer per område',
  },
  attention: {
    withoutContact: (count) =>
      `${count} ${plural('nb', count, { one: 'kommune', other: 'kommuner' })} uten kontaktperson i registeret`,
    withoutInvitee: (count) =>
      `${count} ${plural('nb', count, { one: 'kommune', other: 'kommuner' })} uten innkalte`,
  },
  planning: {
    explanation: {
      history: (day, lastDate) => `${capitalised(day)} passer med fjorårets møte (${lastDate}).`,
      spread: (area, day) => `${area} får ${day}, slik at møtene fordeles jevnt over året.`,
      packed: (area, day) =>
        `Fasilitatorene har mye å gjøre, så ${area} får den første ledige dagen: ${day}.`,
      current: (day, near) =>
        `${capitalised(day)} er den mulige dagen nærmest møtets tidligere dato (${near}).`,
      taken: (wanted) => `${capitalised(wanted)} var opptatt, så møtet ligger på nærmeste ledige dag.`,
      series: (name, n, of) => `${name}, nr. ${n} av ${of}.`,
      sequence: (n, of) => `Det er årets ${n}. møte av ${of}.`,
      farFromLast: (weeks, window) =>
        `Møtet ligger ${weeks} uker fra fjorårets dato (mer enn ${window} uker).`,
      times: (weekdays, start, end) => `Møtene holdes ${weekdays} kl. ${start}–${end}.`,
      noHolidays: 'Ikke på helligdager.',
      notInWeek: (week, name) => `Ikke i uke ${week}${reason(name)}`,
      notInMonth: (month, name) => `Ikke i ${month}${reason(name)}`,
      notInRange: (from, to, name) => `Ikke ${from}–${to}${reason(name)}`,
      notOnDate: (date, holiday) => `Ikke ${date}${reason(holiday)}`,
      notOnAreaDate: (date) => `Ikke ${date}: området er opptatt.`,
      notOnNamedDays: (name) => `Ikke ${name}.`,
      facilitator: (name, meetings) =>
        `Fasilitator: ${name}, som får ${meetings} ${plural('nb', meetings, { one: 'møte', other: 'møter' })} i alt; møtene fordeles likt.`,
      noFacilitator: 'Ingen fasilitator er valgt.',
      hostFirst: (host) => `Vert: ${host}, som ikke har vært vert før.`,
      hostFewest: (host, times) =>
        `Vert: ${host}, som har vært vert færrest ganger (${times} ${plural('nb', times, { one: 'gang', other: 'ganger' })}).`,
      noHost: 'Ingen vert: det finnes ingen villige verter i området.',
      hostNotAsked: 'Verten er ikke spurt ennå: få det bekreftet.',
      moved: (day, start, end, by) => `Flyttet til ${day} kl. ${start}–${end} av ${by}.`,
      movedBreaksRules: 'Det bryter planleggingsreglene; se advarslene.',
      movedKeepsRules: 'Alle planleggingsreglene er overholdt.',
      extra: (day, start, end, by) => `Ekstramøte opprettet av ${by} til ${day} kl. ${start}–${end}.`,
    },
    blackoutNames: blackoutWords,
    extraTitle: 'ekstramøte',
    rule: ruleSentence,
  },
  pages: nbPages,
  cli: nbCli,
  evaluation: nbEvaluation,
  referat: nbReferat,
  sessions: nbSessions,
  nationalReport: nbNational,
  calendarFeed: {
    cancelled: (title) => `Avlyst: ${title}`,
    place: (location) => `Sted: ${location}`,
  },
  refusal: {
    formExpired: 'Skjemaet er utløpt eller kom fra en annen side.',
    linkedRecords:
      'Det henger sammen med andre opplysninger (f.eks. innkallinger) og kan ikke endres på denne måten.',
    page: {
      badInput: { title: 'Feil opplysninger', text: 'Siden kunne ikke bruke opplysningene den fikk.' },
      forbidden: { title: 'Ingen tilgang', text: 'Du har ikke tilgang til å gjøre dette.' },
      notFound: { title: 'Siden finnes ikke', text: 'Vi fant ikke det du lette etter.' },
      conflict: { title: 'Kan ikke lagres', text: 'Endringen er i strid med andre opplysninger.' },
      staleVersion: {
        title: 'Endret av en annen',
        text: 'Noen har endret opplysningene i mellomtiden. Last inn siden på nytt og prøv igjen.',
      },
      unprocessable: { title: 'Kan ikke gjennomføres', text: 'Endringen kan ikke gjennomføres.' },
      ruleConflict: {
        title: 'Flyttingen bryter planleggingsreglene',
        text: 'Kryss av for «Flytt likevel» for å lagre den med advarslene.',
      },
      infeasiblePlan: {
        title: 'Planen kan ikke legges med disse innstillingene',
        text: 'Tillat flere ukedager eller færre uker uten møter, og prøv igjen.',
      },
      tooManyAttempts: { title: 'For mange forsøk', text: 'Vent et minutt, og prøv igjen.' },
      failure: { title: 'Det oppstod en feil', text: 'Prøv igjen om litt.' },
    },
    missingRole: (needed) =>
      needed === 'editor'
        ? 'Det krever rollen fasilitator eller administrator. Du kan se, men ikke endre.'
        : 'Det krever rollen administrator.',
    programmeRefused: (programme, needed) =>
      needed === 'write'
        ? `Du kan se programmet ${programme}, men ikke endre det: det krever rollen fasilitator i programmet.`
        : `Kontoen din har ikke tilgang til programmet ${programme}.`,
    yearAlreadyPlanned: (year) => `${year} er allerede planlagt.`,
    programmeFile: (fault) =>
      fault.kind === 'alreadyLoaded'
        ? `Programmet ${fault.key} er allerede lastet inn. Ingenting er endret; rett det i programmets innstillinger.`
        : `Filen er ikke lastet inn, og ingenting er lagret. Rett ${plural('nb', fault.fields.length, { one: 'feltet', other: 'feltene' })} nedenfor, og prøv igjen.`,
    catalogueInUse: (catalogue, key, usedBy) => {
      const thing = { language: 'Språket', sector: 'Sektoren', organisationKind: 'Organisasjonstypen' }[
        catalogue
      ];
      const forms: Record<string, { one: string; other: string }> = {
        programmes: { one: 'program', other: 'programmer' },
        people: { one: 'person', other: 'personer' },
        languages: { one: 'annet språk', other: 'andre språk' },
        organisationKinds: { one: 'organisasjonstype', other: 'organisasjonstyper' },
        roles: { one: 'rolle', other: 'roller' },
        organisations: { one: 'organisasjon', other: 'organisasjoner' },
      };
      const uses = Object.entries(usedBy)
        .filter(([, n]) => n > 0)
        .map(([by, n]) => `${n} ${forms[by] ? plural('nb', n, forms[by]) : by}`);
      return `${thing} ${key} kan ikke slettes fordi det brukes av ${listText(uses, 'nb')}.`;
    },
    register: (clash) => {
      switch (clash.kind) {
        case 'codeTaken':
          return `En annen organisasjon av samme type har allerede koden ${clash.code}.`;
        case 'memberElsewhere':
          return 'Organisasjonen er allerede medlem av et annet område av samme type.';
        case 'convenerLeaving':
          return 'Organisasjonen som kaller inn, kan ikke forlate sitt eget område.';
        case 'hasContacts':
          return `Organisasjonen har fortsatt kontaktpersoner (${clash.people}). Flytt eller slett dem først.`;
        case 'convenesArea':
          return 'Organisasjonen kaller inn til et område (et politidistrikt) og kan ikke slettes.';
        case 'emailTaken':
          return 'Det finnes allerede en person med denne e-postadressen.';
        case 'roleKeyTaken':
          return `Det finnes allerede en rolle med nøkkelen ${clash.key}.`;
        case 'roleHeld':
          return `${clash.holders} ${plural('nb', clash.holders, { one: 'person', other: 'personer' })} har rollen ${clash.key}. Ta den fra dem først.`;
      }
    },
    unplaced: (rule, areaName) =>
      rule === 'period'
        ? `${areaName}: perioden har for få tillatte dager etter ukedager, helligdager og dager som holdes fri`
        : rule === 'areaBlackoutDate'
          ? `${areaName}: alle tillatte dager i perioden holdes fri for området`
          : rule === 'areaGap'
            ? `${areaName}: det er ingen tillatt dag innenfor det lengste mellomrommet mellom områdets møter`
            : `${areaName}: fasilitatorene har ikke plass til møtet innenfor grensene for møter per uke og dager mellom møtene`,
  },
} satisfies Catalogue;
