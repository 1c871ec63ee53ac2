import { type FieldError, HttpProblem } from '../http/problems.ts';
import type { RegisterClash } from '../register/refusals.ts';

/**
 * Why a programme file was not loaded (nothing of it was saved): fields of the file that cannot be
 * used, or a programme with its key that is already loaded. The API says it in English with the
 * fields; the pages and the command line in Danish from the catalogue (web/refusals.ts).
 */
export type ProgrammeFileFault =
  | { kind: 'invalid'; fields: FieldError[]; clash?: RegisterClash }
  | { kind: 'alreadyLoaded'; key: string };

export class ProgrammeFileRefusal extends HttpProblem {
  constructor(
    readonly fault: ProgrammeFileFault,
    status: 400 | 409 = fault.kind === 'alreadyLoaded' || fault.clash ? 409 : 400,
    detail = englishDetail(fault),
  ) {
    super(
      status,
      status === 409 ? 'Conflict' : 'Bad Request',
      detail,
      fault.kind === 'invalid' ? fault.fields : undefined,
    );
  }
}

function englishDetail(fault: ProgrammeFileFault): string {
  if (fault.kind === 'alreadyLoaded')
    return `The programme ${fault.key} is already loaded; nothing was changed (change it in /api/programmes/${fault.key})`;
  return `The file was not loaded: ${fault.fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`;
}

/** The catalogues whose rows a refused delete names. */
export type CatalogueName = 'language' | 'sector' | 'organisationKind';

/** What uses a catalogue row, counted by the kind of thing using it (programmes, people, roles, …). */
export type CatalogueUses = Record<string, number>;

/**
 * A catalogue row cannot be deleted while something uses it: a 409 whose `usedBy` counts the users
 * for the API, and a Danish sentence naming them on the pages (web/refusals.ts).
 */
export class CatalogueRowInUse extends HttpProblem {
  constructor(
    readonly catalogue: CatalogueName,
    readonly key: string,
    readonly usedBy: CatalogueUses,
  ) {
    const named = Object.entries(usedBy).filter(([, n]) => n > 0);
    super(
      409,
      'Conflict',
      `The ${catalogue === 'organisationKind' ? 'organisation kind' : catalogue} ${key} is in use: ${named.map(([by, n]) => `${n} ${by}`).join(', ')}`,
      undefined,
      { usedBy },
    );
  }
}
