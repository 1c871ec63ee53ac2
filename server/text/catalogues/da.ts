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
  refusal: {
    formExpired: 'Formularen er udløbet eller kom fra en anden side.',
    linkedRecords: 'Det hænger sammen med andre oplysninger (fx invitationer) og kan ikke ændres sådan.',
  },
} satisfies Catalogue;
