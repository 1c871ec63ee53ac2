import { HttpProblem } from '../http/problems.ts';

/**
 * Why the register refused a change that clashes with what it already holds. The API says it in
 * English (below, unchanged for clients), the pages in Danish from the catalogue (web/refusals.ts).
 */
export type RegisterClash =
  | { kind: 'codeTaken'; organisationKind: string; code: string }
  | { kind: 'memberElsewhere'; organisationId: number | null; areaKind: string; otherAreaId: number | null }
  | { kind: 'convenerLeaving' }
  | { kind: 'hasContacts'; people: number }
  | { kind: 'convenesArea' }
  | { kind: 'emailTaken'; email: string }
  | { kind: 'roleKeyTaken'; key: string }
  | { kind: 'roleHeld'; key: string; holders: number };

function englishDetail(clash: RegisterClash): string {
  switch (clash.kind) {
    case 'codeTaken':
      return `Another ${clash.organisationKind} already has code ${clash.code}`;
    case 'memberElsewhere':
      return clash.otherAreaId === null
        ? `The organisation is already a member of another ${clash.areaKind} area`
        : `Organisation ${clash.organisationId} is already a member of area ${clash.otherAreaId} of kind ${clash.areaKind}`;
    case 'convenerLeaving':
      return 'The convener cannot leave its own area';
    case 'hasContacts':
      return `The organisation still has ${clash.people} contact person(s); move or delete them first`;
    case 'convenesArea':
      return 'The organisation convenes an area; it cannot be deleted';
    case 'emailTaken':
      return `A person with email ${clash.email} already exists`;
    case 'roleKeyTaken':
      return `A role with key ${clash.key} already exists`;
    case 'roleHeld':
      return `${clash.holders} person(s) hold the role ${clash.key}; take it from them first`;
  }
}

/** A register change that clashes with existing records: 409, nothing saved. */
export class RegisterConflict extends HttpProblem {
  constructor(readonly clash: RegisterClash) {
    super(409, 'Conflict', englishDetail(clash));
  }
}
