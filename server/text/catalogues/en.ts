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
