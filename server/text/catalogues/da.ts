import type { Catalogue } from '../catalogue.ts';

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
    answers: { accepted: 'Deltager', tentative: 'Deltager måske', declined: 'Deltager ikke' },
    answerHint: 'Klik på dit svar. Du kan ændre det senere via samme link.',
    laterAnswer:
      'Du kan svare eller ændre dit svar via linkene i invitationen eller med knapperne i din kalender.',
    calendar: 'Mødet er vedhæftet som kalenderinvitation (invitation.ics).',
    clock: 'kl.',
    venueLater: 'Oplyses senere',
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
    yearAlreadyPlanned: (year) => `${year} er allerede planlagt.`,
    unplaced: (rule, areaName) =>
      rule === 'period'
        ? `${areaName}: perioden har for få tilladte dage efter ugedage, helligdage og friholdte dage`
        : rule === 'areaBlackoutDate'
          ? `${areaName}: alle tilladte dage i perioden er friholdt for området`
          : `${areaName}: facilitatorerne har ikke plads til mødet inden for deres grænser pr. uge og dage imellem`,
  },
} satisfies Catalogue;
