import type {
  AgreementStatus,
  AgreementType,
  BarrierCategory,
  BarrierStatus,
  ForumLevel,
  InvitationResponse,
  MeetingStatus,
  organisationKinds,
} from '../../db/schema/index.ts';
import type { BlackoutName } from '../planning/blackouts.ts';
import type { RuleBreach } from '../planning/rules.ts';
import type { CatalogueName, CatalogueUses, ProgrammeFileFault } from '../programmes/refusals.ts';
import type { RegisterClash } from '../register/refusals.ts';
import type { daCli } from './catalogues/da-cli.ts';
import type { daEvaluation } from './catalogues/da-evaluation.ts';
import type { daNational } from './catalogues/da-national.ts';
import type { daPages } from './catalogues/da-pages.ts';
import type { daReferat } from './catalogues/da-referat.ts';
import type { daSessions } from './catalogues/da-sessions.ts';
import type { Language } from './language.ts';

/**
 * The shape every language's catalogue fills in: each sentence a user reads, as a string or as a
 * small function of the values it shows. A catalogue that misses a key does not compile.
 */
export type MeetingMailKind = 'invitation' | 'update' | 'cancel' | 'withdrawn' | 'reminder';

export interface Catalogue {
  /** Words many texts share. */
  common: {
    greeting: (name: string) => string;
    closing: string;
    signature: string;
  };
  /** How an email's signature gives the facilitator's contact details. */
  contact: {
    /** Before a phone number: "tlf. 33 12 34 56". */
    phone: string;
    /** Replies go to the facilitator (Reply-To), not to the platform. */
    replyToFacilitator: string;
  };
  /** The reply deadline (svarfrist) and the needs told with an answer: emails, calendar text, answer page. */
  replyAndNeeds: {
    /** The label: "Svarfrist". */
    replyBy: string;
    /** Under the answer buttons: "Svar senest 1. september 2027. Senere svar modtages også." */
    replyByLine: (date: string) => string;
    /** On the answer page after the deadline. */
    late: string;
    dietaryNeeds: string;
    accessibilityNeeds: string;
    /** Who sees the needs, and that they go after the meeting. */
    needsHint: string;
    /** Why the page takes no answer. */
    closed: Record<'cancelled' | 'over', string>;
    /** The host's list of needs, mailed to the host contact. */
    hostSubject: (title: string) => string;
    hostLead: (title: string, when: string) => string;
    hostNone: string;
    hostDietary: string;
    hostAccess: string;
  };
  /** After a meeting got a new date or time, every invitee is asked to answer again. */
  reconfirm: {
    /** In the "Opdateret" email, after the lead. */
    mailLead: string;
    /** On the answer page, instead of the earlier answer. */
    pageNotice: string;
    /** Beside an invitee's name on the meeting page: what they answered for the old time. */
    earlierAnswer: (answer: string) => string;
  };
  /** Mail that did not arrive (refused when sending, or bounced), on the meeting page and the person's page. */
  delivery: {
    heading: (count: number, mails: string) => string;
    mailOne: string;
    mailOther: string;
    hint: string;
    tableLabel: string;
    recipient: string;
    subject: string;
    how: string;
    reason: string;
    when: string;
    refused: string;
    bounced: string;
  };
  /** The meeting emails (invitation, update, cancellation, withdrawal, reminder) and the calendar entry's text. */
  meetingMail: {
    /** Before the subject: "Invitation: …", "Opdateret: …". */
    subjectPrefix: Record<MeetingMailKind, string>;
    /** The opening sentence. */
    lead: Record<MeetingMailKind, string>;
    delegatedBy: (name: string) => string;
    when: string;
    where: string;
    agenda: string;
    facilitator: string;
    reason: string;
    answer: string;
    answerHint: string;
    laterAnswer: string;
    calendar: string;
    /** Before the start and end times: "kl." in Danish, nothing in English. */
    clock: string;
    /** Where no venue is set yet. */
    venueLater: string;
  };
  /** The invitee's answer page (/rsvp/:token) and its confirmations. */
  answerPage: {
    /** The answers an invitee can give, on the page and as the email's buttons. */
    answers: Record<'accepted' | 'tentative' | 'declined', string>;
    title: (meeting: string) => string;
    when: string;
    where: string;
    venueLater: string;
    invited: string;
    cancelled: string;
    notAnswered: string;
    delegatedTo: (name: string, email: string) => string;
    delegated: string;
    yourAnswer: (answer: string) => string;
    waitlisted: (answer: string, position: number) => string;
    legend: string;
    comment: string;
    send: string;
    delegateSummary: string;
    delegateName: string;
    delegateEmail: string;
    delegateSend: string;
    saved: string;
    delegateSaved: (name: string) => string;
    notFoundTitle: string;
    notFound: string;
  };
  /** Agreeing a meeting's date with the district and the host: the proposal emails, the contact's page, the save-the-date. */
  dates: {
    proposalSubject: (title: string, date: string) => string;
    /** The proposal email's opening, to a fixed contact of the organisation named. */
    proposal: (organisation: string) => string[];
    reminderSubject: (title: string) => string;
    reminder: (organisation: string, sentOn: string) => string[];
    meeting: string;
    time: string;
    place: string;
    placeLater: string;
    reason: string;
    actionsHeading: string;
    confirm: string;
    propose: string;
    linkHint: string;
    saveTheDateSubject: (title: string, date: string) => string;
    saveTheDate: string[];
    /** The calendar entry's description of a save-the-date. */
    saveTheDateCalendar: string;
    /** The contact's page (/datoforslag/:token). */
    page: {
      title: (meeting: string) => string;
      lead: (organisation: string) => string;
      proposedBy: (name: string) => string;
      confirmed: string;
      agreed: string;
      countered: (date: string) => string;
      superseded: string;
      closed: string;
      proposeHeading: string;
      date: string;
      startTime: string;
      endTime: string;
      note: string;
      optional: string;
      send: string;
      refusedHeading: string;
      badInput: string;
      notFoundTitle: string;
      notFound: string;
    };
  };
  /** The answering side's notices: waiting list, a place given, an organisation without participants. */
  answerMail: {
    meeting: string;
    time: string;
    place: string;
    /** Where no venue is set yet. */
    placeLater: string;
    waitlistedSubject: (title: string) => string;
    waitlisted: (position: number) => string[];
    promotedSubject: (title: string) => string;
    promoted: string[];
    chaserSubject: (title: string) => string;
    chaser: (organisation: string, title: string) => string[];
  };
  /** Follow-up reminders to the people responsible for an agreement or a barrier. */
  followUpMail: {
    reviewSubject: (title: string) => string;
    review: (title: string, district: string, date: string) => string[];
    barrierSubject: string;
    barrier: (title: string, district: string, date: string) => string[];
  };
  /** The words for the stored codes, so every page and report names a status or a kind the same way. */
  labels: {
    agreementType: Record<AgreementType, string>;
    agreementStatus: Record<AgreementStatus, string>;
    barrierCategory: Record<BarrierCategory, string>;
    barrierStatus: Record<BarrierStatus, string>;
    forumLevel: Record<ForumLevel, string>;
    meetingStatus: Record<MeetingStatus, string>;
    response: Record<InvitationResponse, string>;
    outboxStatus: Record<'queued' | 'sending' | 'sent' | 'failed', string>;
    /** Labels of the Danish reference kinds; other kinds are named by the organisation_kind catalogue. */
    organisationKind: Record<(typeof organisationKinds)[number], string> & Record<string, string | undefined>;
    language: Record<Language, string>;
  };
  /** The reports' headings, column names and fixed phrases (every format). */
  report: {
    districtReportTitle: string;
    nationalReportTitle: string;
    year: string;
    district: string;
    meeting: string;
    noMeeting: string;
    date: string;
    time: string;
    venue: string;
    status: string;
    participants: string;
    people: string;
    organisationsRepresented: string;
    leadership: string;
    practice: string;
    police: string;
    municipal: string;
    otherSides: string;
    organisation: string;
    name: string;
    mapping: string;
    noMapping: string;
    forumLevel: string;
    strengths: string;
    challenges: string;
    wishes: string;
    notes: string;
    agreements: string;
    noAgreements: string;
    type: string;
    title: string;
    agreedOn: string;
    reviewOn: string;
    parties: string;
    allMunicipalities: string;
    barriers: string;
    noBarriers: string;
    category: string;
    description: string;
    raisedOn: string;
    resolvedOn: string;
    changes: string;
    meetingHeld: string;
    yes: string;
    no: string;
    participation: string;
    agreementsInForce: string;
    openBarriers: string;
    resolvedBarriers: string;
    total: string;
    previousYear: string;
    change: string;
    chartTitle: string;
    generated: string;
    newAgreements: string;
    newBarriers: string;
    barriersResolvedInYear: string;
    attendanceChange: string;
    forumLevelChange: string;
    linkedBarriers: string;
    /** The agreements CSV's column saying what a row is, and its two values. */
    rowKind: string;
    agreementRow: string;
    barrierRow: string;
    responsible: string;
    /** After "Aftaler i kraft:" above the chart of agreements by type. */
    byType: string;
    /** The column of a person's level (leadership or practice). */
    level: string;
    /** The column of a district's code. */
    code: string;
    memberOrganisations: string;
    /** Sheet names of the workbooks (Excel allows 31 characters). */
    overviewSheet: string;
    nationalSheet: (year: number) => string;
    /** File names of the downloads, without the extension. */
    agreementsFile: string;
    nationalFile: string;
    /** Words of a programme other than the Danish one, whose areas are not police districts. */
    area: string;
    areaReportTitle: string;
    overallReportTitle: (programme: string) => string;
    areaChartTitle: string;
  };
  /** Marks on the year overview that fit the stage a district's meeting is at. */
  attention: {
    /** Before invitations: municipalities with nobody in the register to invite. */
    withoutContact: (count: number) => string;
    /** After invitations: municipalities from which nobody is invited. */
    withoutInvitee: (count: number) => string;
  };
  /** Why the planner chose a meeting's date, one short sentence per reason, and the rules it broke. */
  planning: {
    /**
     * Dates arrive written out: `day` as "torsdag 14. januar", `date` with its year; each function
     * returns one sentence.
     */
    explanation: {
      /** Near last year's meeting. */
      history: (day: string, lastDate: string) => string;
      /** Spread over the year. */
      spread: (area: string, day: string) => string;
      /** Capacity was tight: as early as possible. */
      packed: (area: string, day: string) => string;
      /** Re-planned on its own, near the date it had. */
      current: (day: string, near: string) => string;
      /** The day aimed for was taken. */
      taken: (wanted: string) => string;
      /** A meeting of one of the programme's linked series: 'Ledersamling, nr. 2 af 3.' */
      series: (name: string, n: number, of: number) => string;
      /** One of several meetings in the year. */
      sequence: (n: number, of: number) => string;
      /** A warning: too far from last year's date. */
      farFromLast: (weeks: number, window: number) => string;
      /** The weekdays and the time every meeting keeps. */
      times: (weekdays: string, start: string, end: string) => string;
      /** Holidays are never used. */
      noHolidays: string;
      notInWeek: (week: number, name: string | null) => string;
      notInMonth: (month: string, name: string | null) => string;
      notInRange: (from: string, to: string, name: string | null) => string;
      notOnDate: (date: string, holiday: string | null) => string;
      notOnAreaDate: (date: string) => string;
      /** "Ikke Grundlovsdag.": a named day without meetings (`blackoutNames`). */
      notOnNamedDays: (name: string) => string;
      facilitator: (name: string, meetings: number) => string;
      noFacilitator: string;
      hostFirst: (host: string) => string;
      hostFewest: (host: string, times: number) => string;
      noHost: string;
      hostNotAsked: string;
      /** A meeting moved by hand. */
      moved: (day: string, start: string, end: string, by: string) => string;
      movedBreaksRules: string;
      /** A meeting created by hand for one area, outside the year's plan. */
      extra: (day: string, start: string, end: string, by: string) => string;
      movedKeepsRules: string;
    };
    /** The holidays the default blackouts stand for. */
    blackoutNames: Record<BlackoutName, string>;
    /** A broken planning rule as one sentence. */
    /** Added to the programme's title of a meeting created outside the year's plan. */
    extraTitle: string;
    rule: (breach: RuleBreach) => string;
  };
  /** The facilitators' pages, one section per page or part. */
  pages: PageTexts;
  /** The command line (scripts/cli.ts). */
  cli: CliTexts;
  /** The evaluation survey after a meeting: its email, page, results and refusals. */
  evaluation: EvaluationTexts;
  /** After the meeting: the referat, the meeting's materials, follow-ups and mapping pages. */
  referat: ReferatTexts;
  /** A meeting held as several sessions (sittings) to choose among. */
  sessions: SessionTexts;
  /** The national report's figures as the model has them (forum levels, turnout, themes, …). */
  nationalReport: NationalReportTexts;
  /** The words a calendar feed adds to an event. */
  calendarFeed: {
    cancelled: (title: string) => string;
    place: (location: string) => string;
  };
  /**
   * Refusals (a missing role, a stale version, a rule conflict, an infeasible plan) as the pages
   * and emails say them; the API's problem+json keeps its own stable English titles.
   */
  refusal: {
    /** A form posted with a missing or stale form token. */
    formExpired: string;
    /** A write that would break a link to other records (a foreign key). */
    linkedRecords: string;
    /** The heading and the sentence of each kind of refusal. */
    page: Record<RefusalKind, { title: string; text: string }>;
    /** The role a write needs: a facilitator or an admin (`editor`), or an admin. */
    missingRole: (needed: 'editor' | 'admin') => string;
    /** A programme the account is not given (read), or only looks at (write). */
    programmeRefused: (programme: string, needed: 'read' | 'write') => string;
    yearAlreadyPlanned: (year: number) => string;
    /** A catalogue row (a language, sector or organisation kind) that cannot go: what uses it, counted. */
    catalogueInUse: (catalogue: CatalogueName, key: string, usedBy: CatalogueUses) => string;
    /** A register change that clashes with what the register holds (a code, an email, a member). */
    register: (clash: RegisterClash) => string;
    /** Why a programme file was not loaded: its key is loaded already, or fields cannot be used. */
    programmeFile: (fault: ProgrammeFileFault) => string;
    /** Why the planner found no day for an area's meeting, by the rule that blocked it. */
    unplaced: (
      rule: 'period' | 'areaBlackoutDate' | 'facilitatorCapacity' | 'areaGap',
      areaName: string,
    ) => string;
  };
}

/** The kinds of refusal a reader is told about; typed refusals map to them in one place per channel. */
export type RefusalKind =
  | 'badInput'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'staleVersion'
  | 'unprocessable'
  | 'ruleConflict'
  | 'infeasiblePlan'
  | 'tooManyAttempts'
  | 'failure';

export type ReportWords = Catalogue['report'];

/** A catalogue shape from the Danish one: every text becomes a string another language fills in. */
export type Texts<T> = T extends string
  ? string
  : T extends (...args: infer A) => infer R
    ? (...args: A) => Texts<R>
    : T extends readonly (infer U)[]
      ? Texts<U>[]
      : { [K in keyof T]: Texts<T[K]> };

/** The fixed words of the facilitators' pages, keyed as in catalogues/da-pages.ts. */
export type PageTexts = Texts<typeof daPages>;

/** The evaluation survey's words, keyed as in catalogues/da-evaluation.ts. */
export type EvaluationTexts = Texts<typeof daEvaluation>;
/** The texts of meetings held as sessions, keyed as in catalogues/da-sessions.ts. */
export type SessionTexts = Texts<typeof daSessions>;

/** The national report's model figures' words, keyed as in catalogues/da-national.ts. */
export type NationalReportTexts = Texts<typeof daNational>;

/** What the command line says, keyed as in catalogues/da-cli.ts. */
export type CliTexts = Texts<typeof daCli>;

/** After the meeting, keyed as in catalogues/da-referat.ts. */
export type ReferatTexts = Texts<typeof daReferat>;
