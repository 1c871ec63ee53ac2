import type { Db } from '../../db/client.ts';
import { prepared } from '../../db/statements.ts';
import { commandLineActor } from '../../server/accounts/accounts.ts';
import { planningContext } from '../../server/planning/context.ts';
import { planYear } from '../../server/planning/cycles.ts';
import { PlanningSettings } from '../../server/planning/settings.ts';
import { createPerson } from '../../server/register/people.ts';

function organisationId(db: Db, kind: string, name: string): number {
  return (
    prepared(db, 'SELECT id FROM organisation WHERE kind = ? AND name = ?').get(kind, name) as { id: number }
  ).id;
}

/** Four contacts on Bornholm: leadership and practice level in the municipality and the police. */
export function bornholmContacts(db: Db) {
  const bornholm = organisationId(db, 'municipality', 'Bornholm');
  const police = organisationId(db, 'police_district', 'Bornholms Politi');
  const people = [
    { name: 'Birgit Kofoed', email: 'birgit@brk.dk', organisationId: bornholm, roles: ['boerne-ungechef'] },
    {
      name: 'Søren Ipsen',
      email: 'soren@brk.dk',
      organisationId: bornholm,
      roles: ['kommunal-sagsbehandler'],
    },
    {
      name: 'Hans Munch',
      email: 'hans@politi.dk',
      organisationId: police,
      roles: ['leder-personfarlig-kriminalitet'],
    },
    { name: 'Lene Holm', email: 'lene@politi.dk', organisationId: police, roles: ['politi-sagsbehandler'] },
  ];
  return people.map((p) =>
    createPerson(db, commandLineActor, { ...p, isFixedContact: false, language: 'da' }),
  );
}

/** Plans a year the way the plan page does, without the browser. */
export function planTestYear(db: Db, year: number) {
  return planYear(db, commandLineActor, planningContext('http://samraad.test'), {
    year,
    settings: PlanningSettings.parse({}),
    dryRun: false,
  });
}
