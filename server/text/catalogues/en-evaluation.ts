import type { EvaluationTexts } from '../catalogue.ts';
import { plural } from '../plural.ts';

/** The evaluation survey's words in English: the same keys as the Danish ones. */
export const enEvaluation: EvaluationTexts = {
  mail: {
    subject: (title) => `Evaluation: ${title}`,
    intro: (title, date) =>
      `Thank you for taking part in ${title} on ${date}. Would you spend two minutes telling us how the meeting was for you?`,
    anonymous:
      'Your answers are anonymous: we keep that you answered, but not together with what you answered. Results are shown once at least 5 have answered.',
    reminderSubject: (title) => `Reminder – evaluation: ${title}`,
    reminderIntro: (title, date) =>
      `We are still missing your answer to the evaluation of ${title} on ${date}. It takes two minutes.`,
    actionHeading: 'Answer the evaluation',
    action: 'Open the survey',
    hint: 'The link is personal and can be used once.',
  },
  page: {
    title: 'Evaluation of the meeting',
    intro: (title, date) => `${title}, ${date}. The answers are anonymous.`,
    scale: '1 = to a very small degree, 5 = to a very great degree',
    noAnswer: "Don't know",
    submit: 'Send answers',
    thanks: 'Thank you for your answer. It has been saved anonymously.',
    alreadyAnswered: 'You have already answered this evaluation. A survey can be answered only once.',
    notFound: 'The link is unknown or no longer valid.',
  },
  results: {
    answersHeader: 'Answers',
    show: 'Show',
    year: 'Year',
    rateHeader: 'Response rate',
    link: 'Evaluations',
    heading: 'Evaluation',
    pageTitle: (year) => `Evaluations ${year}`,
    responseRate: (answered, asked, share) => `${answered} of ${asked} answered${share ? ` (${share})` : ''}`,
    hidden: (min) => `The results are shown once at least ${min} have answered.`,
    mean: 'Mean (1–5)',
    answers: (n) => plural('en', n, { one: '1 answer', other: `${n} answers` }),
    question: 'Question',
    texts: 'Free-text answers',
    notSent: 'The evaluation has not been sent yet.',
    notHeldYet: 'The evaluation can be sent once the meeting is marked as held.',
    sent: (date) => `Sent ${date}`,
    remindOn: (date) => `Reminder to those who have not answered: ${date}`,
    send: 'Send the evaluation to the participants',
    sentNotice: (n) =>
      plural('en', n, {
        one: 'The evaluation was sent to 1 participant.',
        other: `The evaluation was sent to ${n} participants.`,
      }),
    total: 'Whole country',
    meetings: 'Meetings',
    none: 'No evaluations this year.',
  },
  lessons: {
    heading: 'Lessons learned',
    hint: 'What did the meeting teach you? The text goes into the national report.',
    save: 'Save lessons',
    saved: 'The lessons were saved.',
    none: 'No lessons noted.',
  },
  refusal: {
    alreadyAnswered: 'You have already answered this evaluation. A survey can be answered only once.',
    notHeld: 'The evaluation can be sent only once the meeting has been held.',
    alreadySent: 'The evaluation of this meeting has already been sent.',
    noParticipants: 'The meeting has no participants to send the evaluation to.',
    unknownQuestion: (key) => `The survey has no question "${key}".`,
  },
};
