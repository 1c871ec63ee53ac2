import type { RuleBreach } from '../../planning/rules.ts';
import type { Catalogue } from '../catalogue.ts';
import { dayDate, dayMonth, isoWeekdayName, monthName, weekdayDayDate } from '../dates.ts';
import { listText } from '../lists.ts';
import { plural } from '../plural.ts';
import { enCli } from './en-cli.ts';
import { enEvaluation } from './en-evaluation.ts';
import { enNational } from './en-national.ts';
import { enPages } from './en-pages.ts';
import { enReferat } from './en-referat.ts';
import { enSessions } from './en-sessions.ts';

const day = (date: string) => weekdayDayDate(date, 'en');
const monthDay = (md: string) => dayMonth(`2024-${md}`, 'en');

/** A broken planning rule in English. */
function ruleSentence(b: RuleBreach): string {
  const who = 'facilitator' in b && b.facilitator ? b.facilitator : 'The facilitator';
  switch (b.rule) {
    case 'period':
      return `${day(b.date)} is outside the plan's period (${dayDate(b.first, 'en')}–${dayDate(b.last, 'en')}).`;
    case 'weekday':
      return `${day(b.date)}: meetings are held only on ${listText(
        b.weekdays.map((d) => isoWeekdayName(d, 'en')),
        'en',
      )}.`;
    case 'holiday':
      return `${day(b.date)} is ${b.holiday}.`;
    case 'blackoutWeek':
      return `${day(b.date)} is in week ${b.week}, which is kept free.`;
    case 'blackoutMonth':
      return `${day(b.date)} is in ${monthName(b.month, 'en')}, which is kept free.`;
    case 'blackoutRange':
      return `${day(b.date)} is in the period kept free, ${monthDay(b.from)}–${monthDay(b.to)}.`;
    case 'blackoutDate':
      return `${day(b.date)} is kept free for the whole plan.`;
    case 'blackoutDay':
      return `${day(b.date)} is kept free: ${blackoutNames[b.day]}.`;
    case 'areaBlackoutDate':
      return `${day(b.date)} is kept free for the area.`;
    case 'timeOfDay':
      return `The meeting at ${b.startTime}–${b.endTime} is outside the hours ${b.earliest}–${b.latest}.`;
    case 'facilitatorDay':
      return `${who} already has a meeting on ${day(b.date)}.`;
    case 'facilitatorWeek':
      return `${who} would have ${b.count} meetings in week ${b.week} (at most ${b.max}).`;
    case 'facilitatorGap':
      return `${who} has a meeting on ${day(b.otherDate)}; there must be at least ${b.minDays} days between two meetings.`;
    case 'areaSameDay':
      return `The area already has a meeting on ${day(b.date)}.`;
  }
}

const reason = (name: string | null) => (name ? `: ${name}.` : '.');

const blackoutNames = {
  winter: 'winter holiday',
  autumn: 'autumn holiday',
  summer: 'summer holiday',
  christmas: 'Christmas and New Year',
  constitution_day: 'Constitution Day (5 June)',
  days_before_easter: 'the days before Easter',
};

export const en = {
  common: {
    greeting: (name) => `Dear ${name}`,
    closing: 'Kind regards',
    signature: 'Samråd',
  },
  contact: {
    phone: 'phone',
    replyToFacilitator: 'Questions? Reply to this email and it goes to the facilitator.',
  },
  replyAndNeeds: {
    replyBy: 'Reply by',
    replyByLine: (date) => `Please answer by ${date}. Later answers are still taken.`,
    late: 'The reply deadline has passed, but your answer is still taken.',
    dietaryNeeds: 'Dietary needs (allergies, vegetarian etc., optional)',
    accessibilityNeeds: 'Accessibility needs (wheelchair, hearing loop, interpreter etc., optional)',
    needsHint:
      'Only the facilitator and the host see your needs, and they are deleted shortly after the meeting.',
    closed: {
      cancelled: 'The meeting is cancelled, so answers are closed. Your answer has not changed.',
      over: 'The meeting has taken place, so answers are closed. Your answer has not changed.',
    },
    hostSubject: (title) => `Participants' needs: ${title}`,
    hostLead: (title, when) =>
      `These are the dietary and accessibility needs the participants of ${title} (${when}) have told.`,
    hostNone: 'No participant has told any particular needs.',
    hostDietary: 'Diet',
    hostAccess: 'Accessibility',
  },
  reconfirm: {
    mailLead: 'The meeting has a new time, so your earlier answer no longer counts. Please answer again.',
    pageNotice: 'The time has changed — please answer again.',
    earlierAnswer: (answer) => `answered ${answer} for the old time`,
  },
  delivery: {
    heading: (count, mails) => `${count} ${mails} did not arrive`,
    mailOne: 'email',
    mailOther: 'emails',
    hint: "Correct the person's address and send again from the outbox.",
    tableLabel: 'Emails that did not arrive',
    recipient: 'Recipient',
    subject: 'Subject',
    how: 'What happened',
    reason: "The mail server's answer",
    when: 'When',
    refused: 'Refused when sending',
    bounced: "Returned by the recipient's mail server",
  },
  meetingMail: {
    subjectPrefix: {
      invitation: 'Invitation',
      update: 'Updated',
      cancel: 'Cancelled',
      withdrawn: 'Cancelled',
      reminder: 'Reminder',
    },
    lead: {
      invitation: 'You are invited to the meeting below.',
      update: 'The meeting has changed. Here are the updated details.',
      cancel: 'The meeting below has been cancelled.',
      withdrawn:
        'You are no longer on the list for the meeting below; it has been removed from your calendar.',
      reminder: 'A reminder of the meeting below.',
    },
    delegatedBy: (name) => `${name} cannot attend and has passed the invitation on to you.`,
    when: 'When',
    where: 'Where',
    agenda: 'Agenda',
    facilitator: 'Facilitator',
    reason: 'Reason',
    answer: 'Your answer',
    answerHint: 'Click your answer. You can change it later through the same link.',
    laterAnswer:
      'You can answer or change your answer through the links in the invitation or with the buttons in your calendar.',
    calendar: 'The meeting is attached as a calendar invitation (invitation.ics).',
    clock: '',
    venueLater: 'To be announced',
  },
  answerPage: {
    answers: { accepted: 'Attending', tentative: 'Maybe attending', declined: 'Not attending' },
    title: (meeting) => `Answer: ${meeting}`,
    when: 'When',
    where: 'Where',
    venueLater: 'To be announced',
    invited: 'Invited',
    cancelled: 'The meeting has been cancelled. You need not answer.',
    notAnswered: 'You have not answered yet.',
    delegatedTo: (name, email) => `You have passed the invitation on to ${name} (${email}).`,
    delegated: 'You have passed the invitation on.',
    yourAnswer: (answer) => `Your answer: ${answer}.`,
    waitlisted: (answer, position) =>
      `Your answer: ${answer}. The meeting is full – you are number ${position} on the waiting list.`,
    legend: 'Your answer',
    comment: 'Comment (optional)',
    send: 'Send answer',
    delegateSummary: 'Cannot attend yourself? Pass the invitation on to a colleague',
    delegateName: "Your colleague's name",
    delegateEmail: "Your colleague's email",
    delegateSend: 'Pass the invitation on',
    saved: 'Thank you, your answer is saved.',
    delegateSaved: (name) => `Thank you. ${name} has been invited to the meeting in your place.`,
    notFoundTitle: 'Page not found',
    notFound: 'The link is not valid. Please contact whoever invited you if you want to answer.',
  },
  dates: {
    proposalSubject: (title, date) => `Proposed date: ${title} ${date}`,
    proposal: (organisation) => [
      `We propose the date below for the meeting. As the permanent contact of ${organisation}, please confirm the date or propose another.`,
      'Once every party has confirmed, we send a "save the date" and later the invitation with the agenda.',
    ],
    reminderSubject: (title) => `Reminder: please confirm the date of ${title}`,
    reminder: (organisation, sentOn) => [
      `We sent you a proposed date on ${sentOn} and have not yet heard from ${organisation}.`,
      'Please confirm the date or propose another with the buttons below.',
    ],
    meeting: 'Meeting',
    time: 'Time',
    place: 'Place',
    placeLater: 'Place to follow',
    reason: 'Why this date',
    actionsHeading: 'Does the date suit you?',
    confirm: 'Confirm the date',
    propose: 'Propose another date',
    linkHint: 'The link is personal – please do not forward it.',
    saveTheDateSubject: (title, date) => `Save the date: ${title} ${date}`,
    saveTheDate: [
      'The date of the meeting is agreed. Please save the date – the calendar entry is attached.',
      'The invitation with the agenda and a reply link follows and updates the same entry in your calendar.',
    ],
    saveTheDateCalendar: 'Save the date. The invitation with the agenda and a reply link follows.',
    page: {
      title: (meeting) => `Proposed date: ${meeting}`,
      lead: (organisation) => `You answer as the permanent contact of ${organisation}.`,
      proposedBy: (name) => `Proposed by ${name}`,
      confirmed: 'Thank you. You have confirmed the date.',
      agreed: 'The date is agreed with every party.',
      countered: (date) =>
        `Thank you. Your proposal (${date}) has gone to the facilitator, who will come back to you.`,
      superseded: 'A newer proposal has replaced this one. Please use the link in the latest email.',
      closed: 'The meeting is cancelled or held, so its date can no longer change.',
      proposeHeading: 'Propose another date',
      date: 'Date',
      startTime: 'Start',
      endTime: 'End',
      note: 'Note',
      optional: '(optional)',
      send: 'Send proposal',
      refusedHeading: 'The date cannot be used',
      badInput: 'Give a date (yyyy-mm-dd) and times (hh:mm) at which the meeting ends after it starts.',
      notFoundTitle: 'The link does not work',
      notFound:
        'The link is unknown or has expired. Please contact the facilitator if you are to answer a proposed date.',
    },
  },
  answerMail: {
    meeting: 'Meeting',
    time: 'When',
    place: 'Where',
    placeLater: 'To be announced',
    waitlistedSubject: (title) => `On the waiting list: ${title}`,
    waitlisted: (position) => [
      'Thank you for signing up. The meeting is fully booked, so you are on the waiting list.',
      `You are number ${position} on the waiting list. We will write to you as soon as a place is free.`,
    ],
    promotedSubject: (title) => `You have a place: ${title}`,
    promoted: [
      'A place has become free and you have moved up from the waiting list. You are now signed up for the meeting.',
      'If you cannot attend after all, please decline through the answer link in the invitation.',
    ],
    chaserSubject: (title) => `Reminder: ${title}`,
    chaser: (organisation, title) => [
      `Nobody from ${organisation} has signed up for ${title} yet.`,
      `As the fixed contact person for ${organisation}, please make sure that your organisation is represented – at both leadership and practice level. Those invited can answer through the link in their invitation.`,
    ],
  },
  followUpMail: {
    reviewSubject: (title) => `Review due: ${title}`,
    review: (title, district, date) => [
      `The agreement "${title}" (police district ${district}) is due for review on ${date}. You are named as a responsible contact person.`,
      'Please agree with the other parties whether it should be continued, revised or expire.',
    ],
    barrierSubject: 'A cooperation barrier has been open for more than a year',
    barrier: (title, district, date) => [
      `The cooperation barrier "${title}" (police district ${district}) has been open since a year before ${date}.`,
      'Please consider how it can be addressed, or record why it remains open.',
    ],
  },
  labels: {
    agreementType: {
      samarbejdsaftale: 'Cooperation agreement',
      vejledningsmateriale: 'Guidance material',
      skabelon_til_anmeldelse: 'Template for reports to the police',
      kontaktaftale: 'Agreement on further contact',
      aftale_om_faste_moeder: 'Agreement on standing meetings',
      other: 'Other',
    },
    agreementStatus: {
      draft: 'Draft',
      agreed: 'Agreed',
      in_force: 'In force',
      under_revision: 'Under revision',
      expired: 'Expired',
    },
    barrierCategory: {
      knowledge_of_work: "Lack of knowledge of each other's areas of work",
      knowledge_of_legislation: "Lack of knowledge of each other's legislation and procedures",
      task_coordination: 'Poor coordination of tasks between municipality and police',
      investigation_waiting_time: 'Waiting time during the police investigation',
      talks_with_child: 'No clear agreements on talks with child/parents during the investigation',
      local_or_central_unit: 'Unclear which cases go to the local station or the central unit',
      other: 'Other',
    },
    barrierStatus: { open: 'Open', being_addressed: 'Being addressed', resolved: 'Resolved' },
    forumLevel: {
      all_municipalities: 'Forum with all municipalities',
      single_municipalities: 'Forums with single municipalities',
      none: 'No formal forum (case by case)',
    },
    meetingStatus: {
      draft: 'Draft',
      planned: 'Planned',
      invited: 'Invited',
      held: 'Held',
      cancelled: 'Cancelled',
    },
    response: {
      needs_action: 'No answer',
      accepted: 'Attending',
      tentative: 'Maybe',
      declined: 'Not attending',
      delegated: 'Passed on',
    },
    outboxStatus: { queued: 'Queued', sending: 'Sending', sent: 'Sent', failed: 'Failed' },
    organisationKind: {
      police_district: 'Police district',
      municipality: 'Municipality',
      childrens_house: "Children's house",
      local_police_unit: 'Local police',
      facilitator_body: 'Facilitator',
      other: 'Other',
    },
    language: { da: 'Danish', en: 'English', nb: 'Norwegian (Bokmål)' },
  },
  report: {
    districtReportTitle: 'Police district report',
    nationalReportTitle: 'National report on the police district meetings',
    year: 'Year',
    district: 'Police district',
    meeting: 'The meeting',
    noMeeting: 'No meeting recorded in the year',
    date: 'Date',
    time: 'Time',
    venue: 'Venue',
    status: 'Status',
    participants: 'Participants',
    people: 'People',
    organisationsRepresented: 'Member organisations represented',
    leadership: 'Leadership level',
    practice: 'Practice level',
    police: 'Police',
    municipal: 'Municipalities',
    otherSides: 'Others',
    organisation: 'Organisation',
    name: 'Name',
    mapping: 'Mapping',
    noMapping: 'No mapping recorded for the year',
    forumLevel: 'Level of cooperation',
    strengths: 'Strengths',
    challenges: 'Challenges',
    wishes: 'Wishes',
    notes: 'Notes',
    agreements: 'Agreements',
    noAgreements: 'No agreements',
    type: 'Type',
    title: 'Title',
    agreedOn: 'Agreed',
    reviewOn: 'Review',
    parties: 'Parties',
    allMunicipalities: 'All municipalities',
    barriers: 'Cooperation barriers',
    noBarriers: 'No cooperation barriers',
    category: 'Category',
    description: 'Description',
    raisedOn: 'Raised',
    resolvedOn: 'Resolved',
    changes: 'Changes since last year',
    meetingHeld: 'Meeting held',
    yes: 'Yes',
    no: 'No',
    participation: 'Participation',
    agreementsInForce: 'Agreements in force',
    openBarriers: 'Open barriers',
    resolvedBarriers: 'Resolved barriers',
    total: 'Total',
    previousYear: 'Last year',
    change: 'Change',
    chartTitle: 'Agreements in force and open barriers per police district',
    generated: 'Generated',
    newAgreements: 'New agreements in the year',
    newBarriers: 'New barriers in the year',
    barriersResolvedInYear: 'Barriers resolved in the year',
    attendanceChange: 'Participants compared with last year',
    forumLevelChange: 'Level of cooperation last year',
    linkedBarriers: 'Addresses barriers',
    rowKind: 'Row',
    agreementRow: 'Agreement',
    barrierRow: 'Barrier',
    responsible: 'Responsible',
    byType: 'by type',
    level: 'Level',
    code: 'Code',
    memberOrganisations: 'Member organisations',
    overviewSheet: 'Overview',
    nationalSheet: (year) => `National ${year}`,
    agreementsFile: 'agreements',
    nationalFile: 'national-report',
    area: 'Area',
    areaReportTitle: 'Area report',
    overallReportTitle: (programme) => `Overall report for ${programme}`,
    areaChartTitle: 'Agreements in force and open barriers by area',
  },
  attention: {
    withoutContact: (count) =>
      `${count} ${plural('en', count, { one: 'municipality', other: 'municipalities' })} with no contact in the register`,
    withoutInvitee: (count) =>
      `${count} ${plural('en', count, { one: 'municipality', other: 'municipalities' })} with nobody invited`,
  },
  planning: {
    explanation: {
      history: (day, lastDate) => `${day} matches last year's meeting (${lastDate}).`,
      spread: (area, day) => `${area} gets ${day}, so the meetings spread evenly over the year.`,
      packed: (area, day) => `The facilitators are busy, so ${area} gets the first free day: ${day}.`,
      current: (day, near) => `${day} is the possible day nearest the meeting's earlier date (${near}).`,
      taken: (wanted) => `${wanted} was taken, so the meeting is on the nearest free day.`,
      series: (name, n, of) => `${name}, ${n} of ${of}.`,
      sequence: (n, of) => `This is meeting ${n} of ${of} this year.`,
      farFromLast: (weeks, window) =>
        `The meeting is ${weeks} weeks from last year's date (more than ${window} weeks).`,
      times: (weekdays, start, end) => `Meetings are held on ${weekdays}, ${start}–${end}.`,
      noHolidays: 'Not on public holidays.',
      notInWeek: (week, name) => `Not in week ${week}${reason(name)}`,
      notInMonth: (month, name) => `Not in ${month}${reason(name)}`,
      notInRange: (from, to, name) => `Not ${from}–${to}${reason(name)}`,
      notOnDate: (date, holiday) => `Not ${date}${reason(holiday)}`,
      notOnAreaDate: (date) => `Not ${date}: the area is busy.`,
      notOnNamedDays: (name) => `Not ${name}.`,
      facilitator: (name, meetings) =>
        `Facilitator: ${name}, who gets ${meetings} ${plural('en', meetings, { one: 'meeting', other: 'meetings' })} in all; meetings are shared evenly.`,
      noFacilitator: 'No facilitator is chosen.',
      hostFirst: (host) => `Host: ${host}, who has not hosted before.`,
      hostFewest: (host, times) => `Host: ${host}, who has hosted the fewest times (${times}).`,
      noHost: 'No host: the area has no willing hosts.',
      hostNotAsked: 'The host has not been asked yet: have it confirmed.',
      moved: (day, start, end, by) => `Moved to ${day}, ${start}–${end}, by ${by}.`,
      movedBreaksRules: 'This breaks the planning rules; see the warnings.',
      movedKeepsRules: 'Every planning rule is kept.',
      extra: (day, start, end, by) => `Extra meeting created by ${by} for ${day}, ${start}–${end}.`,
    },
    blackoutNames,
    extraTitle: 'extra meeting',
    rule: ruleSentence,
  },
  pages: enPages,
  cli: enCli,
  evaluation: enEvaluation,
  referat: enReferat,
  sessions: enSessions,
  nationalReport: enNational,
  calendarFeed: {
    cancelled: (title) => `Cancelled: ${title}`,
    place: (location) => `Place: ${location}`,
  },
  refusal: {
    formExpired: 'The form has expired or came from another page.',
    linkedRecords: 'It is linked to other records (such as invitations) and cannot be changed like that.',
    page: {
      badInput: { title: 'Wrong details', text: 'The page could not use the details it was given.' },
      forbidden: { title: 'Access denied', text: 'You do not have access to do this.' },
      notFound: { title: 'Page not found', text: 'We could not find what you were looking for.' },
      conflict: { title: 'Cannot be saved', text: 'The change conflicts with other records.' },
      staleVersion: {
        title: 'Changed by someone else',
        text: 'Someone changed this in the meantime. Reload the page and try again.',
      },
      unprocessable: { title: 'Cannot be done', text: 'The change cannot be carried out.' },
      ruleConflict: {
        title: 'The move breaks the planning rules',
        text: 'Tick "Move anyway" to save it with the warnings.',
      },
      infeasiblePlan: {
        title: 'The plan cannot be made with these settings',
        text: 'Allow more weekdays or fewer weeks without meetings, and try again.',
      },
      tooManyAttempts: { title: 'Too many attempts', text: 'Wait a minute, then try again.' },
      failure: { title: 'Something went wrong', text: 'Please try again shortly.' },
    },
    missingRole: (needed) =>
      needed === 'editor'
        ? 'This needs the facilitator or admin role. You may look but not change.'
        : 'This needs the admin role.',
    programmeRefused: (programme, needed) =>
      needed === 'write'
        ? `You may look at the programme ${programme} but not change it: that needs the facilitator role in it.`
        : `Your account has no access to the programme ${programme}.`,
    yearAlreadyPlanned: (year) => `${year} has already been planned.`,
    programmeFile: (fault) =>
      fault.kind === 'alreadyLoaded'
        ? `The programme ${fault.key} is already loaded. Nothing was changed; edit it in the programme's settings.`
        : `The file was not loaded and nothing was saved. Correct the ${plural('en', fault.fields.length, { one: 'field', other: 'fields' })} below and try again.`,
    catalogueInUse: (catalogue, key, usedBy) => {
      const thing = {
        language: 'The language',
        sector: 'The sector',
        organisationKind: 'The organisation kind',
      }[catalogue];
      const forms: Record<string, { one: string; other: string }> = {
        programmes: { one: 'programme', other: 'programmes' },
        people: { one: 'person', other: 'people' },
        languages: { one: 'other language', other: 'other languages' },
        organisationKinds: { one: 'organisation kind', other: 'organisation kinds' },
        roles: { one: 'role', other: 'roles' },
        organisations: { one: 'organisation', other: 'organisations' },
      };
      const uses = Object.entries(usedBy)
        .filter(([, n]) => n > 0)
        .map(([by, n]) => `${n} ${forms[by] ? plural('en', n, forms[by]) : by}`);
      return `${thing} ${key} cannot be deleted: it is used by ${listText(uses, 'en')}.`;
    },
    register: (clash) => {
      switch (clash.kind) {
        case 'codeTaken':
          return `Another organisation of the same kind already has the code ${clash.code}.`;
        case 'memberElsewhere':
          return 'The organisation is already a member of another area of the same kind.';
        case 'convenerLeaving':
          return 'The convening organisation cannot leave its own area.';
        case 'hasContacts':
          return `The organisation still has contact persons (${clash.people}). Move or delete them first.`;
        case 'convenesArea':
          return 'The organisation convenes an area (a police district) and cannot be deleted.';
        case 'emailTaken':
          return 'A person with this email already exists.';
        case 'roleKeyTaken':
          return `A role with the key ${clash.key} already exists.`;
        case 'roleHeld':
          return `${clash.holders} ${plural('en', clash.holders, { one: 'person holds', other: 'people hold' })} the role ${clash.key}. Take it from them first.`;
      }
    },
    unplaced: (rule, areaName) =>
      rule === 'period'
        ? `${areaName}: the period has too few allowed days after weekdays, holidays and blackout days`
        : rule === 'areaBlackoutDate'
          ? `${areaName}: every allowed day of the period is blacked out for the area`
          : rule === 'areaGap'
            ? `${areaName}: no allowed day within the longest gap between the area's meetings`
            : `${areaName}: the facilitators have no room for the meeting within their limits per week and days between`,
  },
} satisfies Catalogue;
