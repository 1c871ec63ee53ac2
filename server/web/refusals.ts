import type { FastifyError } from 'fastify';
import { ProgrammeRefused } from '../accounts/access.ts';
import { EvaluationRefused } from '../evaluation/refusals.ts';
import { HttpProblem, MissingRole, NotFound, StaleVersion, WebRefusal } from '../http/problems.ts';
import { MaterialRefused } from '../materials/refusals.ts';
import { sessionRefusalText } from '../meeting-sessions/refusal-text.ts';
import { SessionRefusal } from '../meeting-sessions/refusals.ts';
import { InfeasiblePlan, RuleConflict, YearAlreadyPlanned } from '../planning/refusals.ts';
import { CatalogueRowInUse, ProgrammeFileRefusal } from '../programmes/refusals.ts';
import { ReferatRefused } from '../referat/refusals.ts';
import { RegisterConflict } from '../register/refusals.ts';
import type { RefusalKind } from '../text/catalogue.ts';
import { catalogueFor } from '../text/messages.ts';

/** A refusal as the pages say it: a heading, a sentence, and what it names (rules, meetings). */
export interface PageRefusal {
  status: number;
  kind: RefusalKind;
  title: string;
  text: string;
  items: string[];
}

const KIND_BY_STATUS: Record<number, RefusalKind> = {
  400: 'badInput',
  403: 'forbidden',
  404: 'notFound',
  409: 'conflict',
  413: 'badInput',
  415: 'badInput',
  422: 'unprocessable',
  429: 'tooManyAttempts',
};

function statusOf(error: unknown): number {
  if (error instanceof HttpProblem) return error.status;
  const e = error as Partial<FastifyError>;
  if (e?.validation) return 400;
  if (e?.code?.startsWith('SQLITE_CONSTRAINT')) return 409;
  return e?.statusCode ?? 500;
}

/** A refused upload in Danish: too large (with the limit), a type not allowed (with the list), no file. */
function materialSentence(error: MaterialRefused): string {
  const words = catalogueFor('da').referat.refusal;
  const { fault } = error;
  if (fault.kind === 'tooLarge') {
    const mb = fault.maxBytes / (1024 * 1024);
    return words.tooLarge(mb >= 1 ? `${Math.floor(mb)} MB` : `${Math.floor(fault.maxBytes / 1024)} kB`);
  }
  if (fault.kind === 'typeRefused') return words.typeRefused(fault.allowed.join(', '));
  return words.noFile;
}

/**
 * The one place a refusal becomes Danish for the pages (the API's problem+json keeps its English):
 * typed refusals by their payload, everything else by its status. Never the error's own message,
 * except a WebRefusal, which the pages wrote in Danish themselves.
 */
export function pageRefusal(error: unknown): PageRefusal {
  const text = catalogueFor('da').refusal;
  const status = statusOf(error);
  const of = (kind: RefusalKind, sentence?: string, items: string[] = []): PageRefusal => ({
    status,
    kind,
    title: text.page[kind].title,
    text: sentence ?? text.page[kind].text,
    items,
  });
  if (error instanceof EvaluationRefused)
    return of('conflict', catalogueFor('da').evaluation.refusal[error.reason]);
  if (error instanceof RuleConflict)
    return of(
      'ruleConflict',
      undefined,
      error.violations.map((v) => catalogueFor('da').planning.rule(v)),
    );
  if (error instanceof InfeasiblePlan)
    return of(
      'infeasiblePlan',
      undefined,
      error.unplaced.map((u) => text.unplaced(u.rule, u.areaName)),
    );
  if (error instanceof RegisterConflict) return of('conflict', text.register(error.clash));
  if (error instanceof ProgrammeFileRefusal) {
    const { fault } = error;
    if (fault.kind === 'alreadyLoaded') return of('conflict', text.programmeFile(fault));
    // the file's field paths are the reader's own; a clash with the register is said as the register says it
    const sentence = fault.clash
      ? `${text.register(fault.clash)} ${text.programmeFile(fault)}`
      : text.programmeFile(fault);
    return of(
      status === 409 ? 'conflict' : 'badInput',
      sentence,
      fault.fields.map((f) => f.field),
    );
  }
  if (error instanceof CatalogueRowInUse)
    return of('conflict', text.catalogueInUse(error.catalogue, error.key, error.usedBy));
  if (error instanceof SessionRefusal)
    return of(status === 409 ? 'conflict' : 'badInput', sessionRefusalText('da', error.fault));
  if (error instanceof YearAlreadyPlanned) return of('conflict', text.yearAlreadyPlanned(error.year));
  if (error instanceof ReferatRefused) return of('conflict', catalogueFor('da').referat.refusal[error.fault]);
  if (error instanceof MaterialRefused) return of('badInput', materialSentence(error));
  if (error instanceof StaleVersion) return of('staleVersion');
  if (error instanceof MissingRole) return of('forbidden', text.missingRole(error.needed));
  if (error instanceof ProgrammeRefused)
    return of('forbidden', text.programmeRefused(error.programme.name || error.programme.key, error.needed));
  if (error instanceof NotFound) return of('notFound');
  if (error instanceof WebRefusal) return of(KIND_BY_STATUS[status] ?? 'badInput', error.message);
  if ((error as { code?: string })?.code?.startsWith('SQLITE_CONSTRAINT'))
    return of('conflict', text.linkedRecords);
  if (status >= 500) return of('failure');
  return of(KIND_BY_STATUS[status] ?? 'badInput');
}
