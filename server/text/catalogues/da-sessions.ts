import { plural } from '../plural.ts';

/** A meeting held as several sessions (sittings): the emails, the answer page, the meeting page and refusals, in Danish. */
export const daSessions = {
  mail: {
    /** The invitation's "Tidspunkt" for a meeting held as sessions. */
    when: (count: number) =>
      `${plural('da', count, { one: '1 økt', other: `${count} økter` })} – vælg én nedenfor`,
    choose: 'Vælg din økt',
    chooseHint:
      'Klik på den økt, du vil deltage i, og bekræft på siden. Du kan skifte økt senere via samme link.',
    decline: 'Jeg kan ikke deltage',
    full: 'fuld – venteliste',
    calendarLater: 'Når du har valgt en økt, får du en kalenderinvitation til den.',
    chosenLead: 'Du har valgt økten nedenfor. Den er vedhæftet som kalenderinvitation.',
    changedLead: 'Du har skiftet økt. Din kalender flyttes til økten nedenfor.',
    movedLead: 'Din økt er flyttet. Her er de opdaterede oplysninger.',
    promotedLead:
      'Der er blevet en plads på økten nedenfor, og den er din. Den er vedhæftet som kalenderinvitation.',
    leftLead: 'Du har meldt fra til økten nedenfor; den er fjernet fra din kalender.',
    cancelledReason: 'Økten er aflyst. Vælg gerne en anden økt via linket i invitationen.',
  },
  page: {
    legend: 'Vælg en økt',
    free: (free: number, capacity: number) =>
      free > 0
        ? `${plural('da', free, { one: '1 ledig plads', other: `${free} ledige pladser` })} af ${capacity}`
        : `Fuld (${plural('da', capacity, { one: '1 plads', other: `${capacity} pladser` })}) – du kommer på venteliste`,
    yourSession: (when: string) => `Du har plads på økten ${when}.`,
    waitingFor: (when: string, position: number) =>
      `Økten ${when} er fuld – du er nummer ${position} på ventelisten.`,
    noSession: 'Du har endnu ikke valgt en økt.',
    changeUntil: (when: string) => `Du kan skifte økt indtil ${when}.`,
    choose: 'Vælg økt',
    chosen: 'Dit valg er gemt.',
    declineLegend: 'Kan du ikke deltage?',
    decline: 'Meld fra',
    started: 'Begyndt',
  },
  meetingPage: {
    heading: 'Økter',
    intro:
      'Mødet holdes som flere økter; hver inviteret vælger én. Flytter du en økt, får kun dens deltagere en opdateret kalenderinvitation.',
    none: 'Mødet har ingen økter. Tilføj økter, før invitationerne sendes, hvis deltagerne skal vælge mellem flere tidspunkter.',
    when: 'Tidspunkt',
    where: 'Sted',
    accepted: 'Deltagere',
    capacity: 'Pladser',
    waiting: 'Venteliste',
    attended: 'Fremmødt',
    total: 'I alt',
    cancelled: 'Aflyst',
    add: 'Tilføj økt',
    save: 'Gem økt',
    cancel: 'Aflys økt',
    edit: 'Ret eller flyt',
    date: 'Dato',
    startTime: 'Starttid',
    endTime: 'Sluttid',
    venueName: 'Sted (navn)',
    venueAddress: 'Adresse',
    capacityField: 'Antal pladser',
    added: 'Økten er tilføjet.',
    saved: 'Økten er gemt.',
    cancelledNotice: 'Økten er aflyst, og dens deltagere har fået besked.',
    notSaved: 'Økten blev ikke gemt',
    checkFields: (fields: string) => `Ret ${fields}.`,
    cancelConfirm: 'Aflys økten? Dens deltagere får besked.',
    notices: {
      oekt: 'Økten er tilføjet.',
      oektgemt:
        'Økten er gemt. Har den fået nyt tidspunkt eller sted, får kun dens deltagere en opdateret kalenderinvitation.',
      oektaflyst: 'Økten er aflyst, og dens deltagere har fået besked.',
    } as Record<string, string>,
  },
  /** Why a session change was refused, on the pages and the answer page. */
  refusal: {
    choiceClosed: (until: string) => `Du kan ikke længere skifte økt: fristen var ${until}.`,
    sessionStarted: 'Økten er allerede begyndt og kan ikke vælges.',
    sessionFull: (kept: string) => `Økten er fuld. Du beholder din plads på økten ${kept}.`,
    notOfMeeting: 'Den valgte økt hører ikke til mødet.',
    chooseOne: 'Vælg en økt for at deltage.',
    invitedWithoutSessions:
      'Invitationerne er allerede sendt med mødets eget tidspunkt; økter kan kun tilføjes, før der inviteres.',
    meetingClosed: 'Mødet er aflyst eller afholdt; dets økter kan ikke længere ændres.',
    capacityBelowTaken: (taken: number) =>
      `Antallet af pladser kan ikke sættes under de ${taken}, der allerede er taget.`,
    endBeforeStart: 'Økten skal slutte efter, at den begynder.',
    sessionCancelled: 'Økten er aflyst.',
  },
};
