import type { EvaluationTexts } from '../catalogue.ts';
import { plural } from '../plural.ts';

/** The evaluation survey's words in Norwegian bokmål: the same keys as the Danish ones. */
export const nbEvaluation: EvaluationTexts = {
  mail: {
    subject: (title) => `Evaluering: ${title}`,
    intro: (title, date) =>
      `Takk for at du deltok på ${title} ${date}. Vil du bruke to minutter på å fortelle hvordan møtet var for deg?`,
    anonymous:
      'Svarene dine er anonyme: vi lagrer at du har svart, men ikke sammen med hva du svarte. Resultater vises først når minst 5 har svart.',
    reminderSubject: (title) => `Påminnelse – evaluering: ${title}`,
    reminderIntro: (title, date) =>
      `Vi mangler fortsatt svaret ditt på evalueringen av ${title} ${date}. Det tar to minutter.`,
    actionHeading: 'Svar på evalueringen',
    action: 'Åpne spørreskjemaet',
    hint: 'Lenken er personlig og kan brukes én gang.',
  },
  page: {
    title: 'Evaluering av møtet',
    intro: (title, date) => `${title}, ${date}. Svarene er anonyme.`,
    scale: '1 = i svært liten grad, 5 = i svært stor grad',
    noAnswer: 'Vet ikke',
    submit: 'Send svar',
    thanks: 'Takk for svaret ditt. Det er lagret anonymt.',
    alreadyAnswered:
      'Du har allerede svart på denne evalueringen. Et spørreskjema kan bare besvares én gang.',
    notFound: 'Lenken er ukjent eller ikke lenger gyldig.',
  },
  results: {
    answersHeader: 'Svar',
    show: 'Vis',
    year: 'År',
    rateHeader: 'Svarprosent',
    link: 'Evalueringer',
    heading: 'Evaluering',
    pageTitle: (year) => `Evalueringer ${year}`,
    responseRate: (answered, asked, share) =>
      `${answered} av ${asked} har svart${share ? ` (${share})` : ''}`,
    hidden: (min) => `Resultatene vises når minst ${min} har svart.`,
    mean: 'Gjennomsnitt (1–5)',
    answers: (n) => plural('nb', n, { one: '1 svar', other: `${n} svar` }),
    question: 'Spørsmål',
    texts: 'Fritekstsvar',
    notSent: 'Evalueringen er ikke sendt ennå.',
    notHeldYet: 'Evalueringen kan sendes når møtet er markert som avholdt.',
    sent: (date) => `Sendt ${date}`,
    remindOn: (date) => `Påminnelse til dem som ikke har svart: ${date}`,
    send: 'Send evalueringen til deltakerne',
    sentNotice: (n) =>
      plural('nb', n, {
        one: 'Evalueringen er sendt til 1 deltaker.',
        other: `Evalueringen er sendt til ${n} deltakere.`,
      }),
    total: 'Hele landet',
    meetings: 'Møter',
    none: 'Ingen evalueringer dette året.',
  },
  lessons: {
    heading: 'Erfaringer',
    hint: 'Hva lærte dere av møtet? Teksten tas med i den nasjonale rapporten.',
    save: 'Lagre erfaringer',
    saved: 'Erfaringene er lagret.',
    none: 'Ingen erfaringer notert.',
  },
  refusal: {
    alreadyAnswered:
      'Du har allerede svart på denne evalueringen. Et spørreskjema kan bare besvares én gang.',
    notHeld: 'Evalueringen kan først sendes når møtet er avholdt.',
    alreadySent: 'Evalueringen av dette møtet er allerede sendt.',
    noParticipants: 'Møtet har ingen deltakere å sende evalueringen til.',
    unknownQuestion: (key) => `Spørreskjemaet har ikke noe spørsmål "${key}".`,
  },
};
