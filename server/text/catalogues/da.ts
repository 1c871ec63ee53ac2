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
  refusal: {
    formExpired: 'Formularen er udløbet eller kom fra en anden side.',
    linkedRecords: 'Det hænger sammen med andre oplysninger (fx invitationer) og kan ikke ændres sådan.',
  },
} satisfies Catalogue;
