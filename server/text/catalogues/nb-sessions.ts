import type { SessionTexts } from '../catalogue.ts';
import { plural } from '../plural.ts';

/** Et møte som holdes som flere økter, på bokmål: de samme nøklene som de danske tekstene. */
export const nbSessions: SessionTexts = {
  mail: {
    when: (count) => `${plural('nb', count, { one: '1 økt', other: `${count} økter` })} – velg én nedenfor`,
    choose: 'Velg din økt',
    chooseHint:
      'Klikk på økten du vil delta på, og bekreft på siden. Du kan bytte økt senere via samme lenke.',
    decline: 'Jeg kan ikke delta',
    full: 'full – venteliste',
    calendarLater: 'Når du har valgt en økt, får du en kalenderinvitasjon til den.',
    chosenLead: 'Du har valgt økten nedenfor. Den er vedlagt som kalenderinvitasjon.',
    changedLead: 'Du har byttet økt. Kalenderen din flyttes til økten nedenfor.',
    movedLead: 'Økten din er flyttet. Her er de oppdaterte opplysningene.',
    promotedLead:
      'Det har blitt en ledig plass på økten nedenfor, og den er din. Den er vedlagt som kalenderinvitasjon.',
    leftLead: 'Du har meldt deg av økten nedenfor; den er fjernet fra kalenderen din.',
    cancelledReason: 'Økten er avlyst. Velg gjerne en annen økt via lenken i invitasjonen.',
  },
  page: {
    legend: 'Velg en økt',
    free: (free, capacity) =>
      free > 0
        ? `${plural('nb', free, { one: '1 ledig plass', other: `${free} ledige plasser` })} av ${capacity}`
        : `Full (${plural('nb', capacity, { one: '1 plass', other: `${capacity} plasser` })}) – du kommer på venteliste`,
    yourSession: (when) => `Du har plass på økten ${when}.`,
    waitingFor: (when, position) => `Økten ${when} er full – du er nummer ${position} på ventelisten.`,
    noSession: 'Du har ikke valgt økt ennå.',
    changeUntil: (when) => `Du kan bytte økt fram til ${when}.`,
    choose: 'Velg økt',
    chosen: 'Valget ditt er lagret.',
    declineLegend: 'Kan du ikke delta?',
    decline: 'Meld avbud',
    started: 'Startet',
  },
  meetingPage: {
    heading: 'Økter',
    intro:
      'Møtet holdes som flere økter; hver invitert velger én. Flytter du en økt, får bare dens deltakere en oppdatert kalenderinvitasjon.',
    none: 'Møtet har ingen økter. Legg til økter før invitasjonene sendes hvis deltakerne skal velge mellom flere tidspunkter.',
    when: 'Tidspunkt',
    where: 'Sted',
    accepted: 'Deltakere',
    capacity: 'Plasser',
    waiting: 'Venteliste',
    attended: 'Møtt',
    total: 'I alt',
    cancelled: 'Avlyst',
    add: 'Legg til økt',
    save: 'Lagre økt',
    cancel: 'Avlys økt',
    edit: 'Endre eller flytt',
    date: 'Dato',
    startTime: 'Starttid',
    endTime: 'Sluttid',
    venueName: 'Sted (navn)',
    venueAddress: 'Adresse',
    capacityField: 'Antall plasser',
    added: 'Økten er lagt til.',
    saved: 'Økten er lagret.',
    cancelledNotice: 'Økten er avlyst, og deltakerne har fått beskjed.',
    notSaved: 'Økten ble ikke lagret',
    checkFields: (fields) => `Rett ${fields}.`,
    cancelConfirm: 'Avlyse økten? Deltakerne får beskjed.',
    notices: {
      oekt: 'Økten er lagt til.',
      oektgemt:
        'Økten er lagret. Har den fått nytt tidspunkt eller sted, får bare deltakerne en oppdatert kalenderinvitasjon.',
      oektaflyst: 'Økten er avlyst, og deltakerne har fått beskjed.',
    },
  },
  refusal: {
    choiceClosed: (until) => `Du kan ikke lenger bytte økt: fristen var ${until}.`,
    sessionStarted: 'Økten har allerede startet og kan ikke velges.',
    sessionFull: (kept) => `Økten er full. Du beholder plassen din på økten ${kept}.`,
    notOfMeeting: 'Den valgte økten hører ikke til møtet.',
    chooseOne: 'Velg en økt for å delta.',
    invitedWithoutSessions:
      'Invitasjonene er allerede sendt med møtets eget tidspunkt; økter kan bare legges til før det inviteres.',
    meetingClosed: 'Møtet er avlyst eller holdt; øktene kan ikke lenger endres.',
    capacityBelowTaken: (taken) =>
      `Antall plasser kan ikke settes lavere enn de ${taken} som allerede er tatt.`,
    endBeforeStart: 'Økten må slutte etter at den begynner.',
    sessionCancelled: 'Økten er avlyst.',
  },
};
