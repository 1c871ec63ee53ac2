import type { SurveyQuestion } from '../../db/schema/evaluation.ts';

/** The survey the Danish model asks after each meeting; a programme may name its own. */
export const DEFAULT_EVALUATION_QUESTIONS: SurveyQuestion[] = [
  {
    key: 'udbytte',
    kind: 'scale',
    labels: { da: 'Mødets udbytte', nb: 'Møtets utbytte', en: 'What the meeting gave you' },
  },
  {
    key: 'relevans',
    kind: 'scale',
    labels: { da: 'Relevans for mit arbejde', nb: 'Relevans for mitt arbeid', en: 'Relevance to my work' },
  },
  {
    key: 'samarbejde',
    kind: 'scale',
    labels: {
      da: 'Samarbejdet mellem politi og kommune',
      nb: 'Samarbeidet mellom politi og kommune',
      en: 'Cooperation between police and municipality',
    },
  },
  {
    key: 'forbedringer',
    kind: 'text',
    labels: { da: 'Hvad kan gøres bedre?', nb: 'Hva kan gjøres bedre?', en: 'What could be done better?' },
  },
];
