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
  },
} satisfies Catalogue;
