import type { Catalogue } from '../catalogue.ts';

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
    answers: { accepted: 'Attending', tentative: 'Maybe attending', declined: 'Not attending' },
    answerHint: 'Click your answer. You can change it later through the same link.',
    laterAnswer:
      'You can answer or change your answer through the links in the invitation or with the buttons in your calendar.',
    calendar: 'The meeting is attached as a calendar invitation (invitation.ics).',
    clock: '',
    venueLater: 'To be announced',
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
    yearAlreadyPlanned: (year) => `${year} has already been planned.`,
    unplaced: (rule, areaName) =>
      rule === 'period'
        ? `${areaName}: the period has too few allowed days after weekdays, holidays and blackout days`
        : rule === 'areaBlackoutDate'
          ? `${areaName}: every allowed day of the period is blacked out for the area`
          : `${areaName}: the facilitators have no room for the meeting within their limits per week and days between`,
  },
} satisfies Catalogue;
