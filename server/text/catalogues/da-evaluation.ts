import { plural } from '../plural.ts';

/**
 * The evaluation survey's words in Danish (catalogue.ts derives `EvaluationTexts` from it): the
 * email and its reminder, the survey page, the results, and the refusals.
 */
export const daEvaluation = {
  mail: {
    subject: (title: string) => `Evaluering: ${title}`,
    intro: (title: string, date: string) =>
      `Tak fordi du deltog i ${title} den ${date}. Vil du bruge to minutter på at fortælle, hvordan mødet var for dig?`,
    anonymous:
      'Dine svar er anonyme: vi gemmer, at du har svaret, men ikke sammen med hvad du svarede. Resultater vises først, når mindst 5 har svaret.',
    reminderSubject: (title: string) => `Påmindelse – evaluering: ${title}`,
    reminderIntro: (title: string, date: string) =>
      `Vi mangler stadig dit svar på evalueringen af ${title} den ${date}. Det tager to minutter.`,
    actionHeading: 'Besvar evalueringen',
    action: 'Åbn spørgeskemaet',
    hint: 'Linket er personligt og kan bruges én gang.',
  },
  page: {
    title: 'Evaluering af mødet',
    intro: (title: string, date: string) => `${title}, ${date}. Svarene er anonyme.`,
    scale: '1 = i meget ringe grad, 5 = i meget høj grad',
    noAnswer: 'Ved ikke',
    submit: 'Send svar',
    thanks: 'Tak for dit svar. Det er gemt anonymt.',
    alreadyAnswered: 'Du har allerede besvaret denne evaluering. Et spørgeskema kan kun besvares én gang.',
    notFound: 'Linket er ukendt eller ikke længere gyldigt.',
  },
  results: {
    answersHeader: 'Svar',
    show: 'Vis',
    year: 'År',
    rateHeader: 'Svarprocent',
    link: 'Evalueringer',
    heading: 'Evaluering',
    pageTitle: (year: number) => `Evalueringer ${year}`,
    responseRate: (answered: number, asked: number, share: string) =>
      `${answered} af ${asked} har svaret${share ? ` (${share})` : ''}`,
    hidden: (min: number) => `Resultaterne vises, når mindst ${min} har svaret.`,
    mean: 'Gennemsnit (1–5)',
    answers: (n: number) => plural('da', n, { one: '1 svar', other: `${n} svar` }),
    question: 'Spørgsmål',
    texts: 'Fritekstsvar',
    notSent: 'Evalueringen er ikke sendt endnu.',
    notHeldYet: 'Evalueringen kan sendes, når mødet er markeret som afholdt.',
    sent: (date: string) => `Sendt ${date}`,
    remindOn: (date: string) => `Påmindelse til dem, der ikke har svaret: ${date}`,
    send: 'Send evaluering til deltagerne',
    sentNotice: (n: number) =>
      plural('da', n, {
        one: 'Evalueringen er sendt til 1 deltager.',
        other: `Evalueringen er sendt til ${n} deltagere.`,
      }),
    total: 'Hele landet',
    meetings: 'Møder',
    none: 'Ingen evalueringer dette år.',
  },
  lessons: {
    heading: 'Erfaringer',
    hint: 'Hvad lærte I af mødet? Teksten indgår i den nationale rapport.',
    save: 'Gem erfaringer',
    saved: 'Erfaringerne er gemt.',
    none: 'Ingen erfaringer noteret.',
  },
  refusal: {
    alreadyAnswered: 'Du har allerede besvaret denne evaluering. Et spørgeskema kan kun besvares én gang.',
    notHeld: 'Evalueringen kan først sendes, når mødet er afholdt.',
    alreadySent: 'Evalueringen af dette møde er allerede sendt.',
    noParticipants: 'Mødet har ingen deltagere at sende evalueringen til.',
    unknownQuestion: (key: string) => `Spørgeskemaet har intet spørgsmål "${key}".`,
  },
};
