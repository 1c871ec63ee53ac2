import type { Db } from '../../db/client.ts';
import type { Meeting } from '../../server/planning/schemas.ts';
import { insertPerson } from './factories.ts';
import { bornholmWithPeople } from './scenarios.ts';

const DAY = 86_400_000;

/** Bornholm's people, and a fixed contact each for the police district and a municipality: who is asked to agree a date. */
export function bornholmWithDateContacts(db: Db) {
  const scenario = bornholmWithPeople(db);
  const karl = insertPerson(db, {
    name: 'Karl Kontakt',
    email: 'karl@politi.test',
    organisationId: scenario.police.id,
    isFixedContact: true,
  });
  const mette = insertPerson(db, {
    name: 'Mette Kommunekontakt',
    email: 'mette@kommune.test',
    organisationId: scenario.municipality.id,
    isFixedContact: true,
  });
  return { ...scenario, karl, mette };
}

/** The date link's token in a mail's text. */
export function dateTokenIn(text: string | undefined): string {
  const found = /\/datoforslag\/(dato_[A-Za-z0-9_-]+)/.exec(text ?? '');
  if (!found) throw new Error('no date link in the text');
  return found[1]!;
}

/** A Tuesday–Thursday in August–September 2027 at least three days from every planned meeting. */
export function freeDate(meetings: Meeting[]): string {
  const taken = meetings.map((m) => Date.parse(m.localDate));
  for (let day = Date.parse('2027-08-10'); day < Date.parse('2027-10-01'); day += DAY) {
    const weekday = new Date(day).getUTCDay();
    if (weekday >= 2 && weekday <= 4 && taken.every((d) => Math.abs(d - day) >= 3 * DAY))
      return new Date(day).toISOString().slice(0, 10);
  }
  throw new Error('no free date');
}
