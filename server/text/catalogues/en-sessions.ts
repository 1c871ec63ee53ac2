import type { SessionTexts } from '../catalogue.ts';
import { plural } from '../plural.ts';

/** A meeting held as several sessions, in English: the same keys as the Danish texts. */
export const enSessions: SessionTexts = {
  mail: {
    when: (count) =>
      `${plural('en', count, { one: '1 session', other: `${count} sessions` })} – choose one below`,
    choose: 'Choose your session',
    chooseHint:
      'Click the session you want to attend and confirm on the page. You can change it later through the same link.',
    decline: 'I cannot attend',
    full: 'full – waiting list',
    calendarLater: 'Once you have chosen a session, you will receive a calendar invitation for it.',
    chosenLead: 'You have chosen the session below. It is attached as a calendar invitation.',
    changedLead: 'You have changed session. Your calendar moves to the session below.',
    movedLead: 'Your session has been moved. Here are the updated details.',
    promotedLead:
      'A place has become free in the session below, and it is yours. It is attached as a calendar invitation.',
    leftLead: 'You have withdrawn from the session below; it has been removed from your calendar.',
    cancelledReason:
      'The session is cancelled. You are welcome to choose another session through the link in the invitation.',
  },
  page: {
    legend: 'Choose a session',
    free: (free, capacity) =>
      free > 0
        ? `${plural('en', free, { one: '1 place free', other: `${free} places free` })} of ${capacity}`
        : `Full (${plural('en', capacity, { one: '1 place', other: `${capacity} places` })}) – you will be on the waiting list`,
    yourSession: (when) => `You have a place in the session ${when}.`,
    waitingFor: (when, position) =>
      `The session ${when} is full – you are number ${position} on the waiting list.`,
    noSession: 'You have not chosen a session yet.',
    changeUntil: (when) => `You can change session until ${when}.`,
    choose: 'Choose session',
    chosen: 'Your choice is saved.',
    declineLegend: 'Cannot attend?',
    decline: 'Withdraw',
    started: 'Started',
  },
  meetingPage: {
    heading: 'Sessions',
    intro:
      'The meeting is held as several sessions; each invitee chooses one. Moving a session sends an updated calendar invitation to its participants only.',
    none: 'The meeting has no sessions. Add sessions before the invitations are sent if participants are to choose between several times.',
    when: 'Time',
    where: 'Place',
    accepted: 'Participants',
    capacity: 'Places',
    waiting: 'Waiting list',
    attended: 'Attended',
    total: 'Total',
    cancelled: 'Cancelled',
    add: 'Add session',
    save: 'Save session',
    cancel: 'Cancel session',
    edit: 'Edit or move',
    date: 'Date',
    startTime: 'Start time',
    endTime: 'End time',
    venueName: 'Place (name)',
    venueAddress: 'Address',
    capacityField: 'Number of places',
    added: 'The session is added.',
    saved: 'The session is saved.',
    cancelledNotice: 'The session is cancelled, and its participants have been told.',
    notSaved: 'The session was not saved',
    checkFields: (fields) => `Correct ${fields}.`,
    cancelConfirm: 'Cancel the session? Its participants will be told.',
    notices: {
      oekt: 'The session is added.',
      oektgemt:
        'The session is saved. If its time or place changed, only its participants get an updated calendar invitation.',
      oektaflyst: 'The session is cancelled, and its participants have been told.',
    },
  },
  refusal: {
    choiceClosed: (until) => `You can no longer change session: the deadline was ${until}.`,
    sessionStarted: 'The session has already started and cannot be chosen.',
    sessionFull: (kept) => `The session is full. You keep your place in the session ${kept}.`,
    notOfMeeting: 'The chosen session does not belong to the meeting.',
    chooseOne: 'Choose a session to attend.',
    invitedWithoutSessions:
      "The invitations were already sent with the meeting's own time; sessions can only be added before inviting.",
    meetingClosed: 'The meeting is cancelled or held; its sessions can no longer change.',
    capacityBelowTaken: (taken) => `The number of places cannot be set below the ${taken} already taken.`,
    endBeforeStart: 'The session must end after it starts.',
    sessionCancelled: 'The session is cancelled.',
  },
};
