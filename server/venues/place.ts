import type { DbOrTx } from '../../db/statements.ts';
import { type VenueRecord, venueRecord } from './queries.ts';

type Address = Pick<VenueRecord, 'name' | 'room' | 'street' | 'postcode' | 'town'>;

/**
 * What a meeting copies from its venue: the name, and the rest of the address as one line (room,
 * street, postcode and town). Emails, the calendar's LOCATION, the answer page and the reports join
 * the two, so each shows the full address; a meeting keeps its copy when the venue goes.
 */
export function venuePlace(v: Address): { venueName: string; venueAddress: string } {
  return {
    venueName: v.name,
    venueAddress: [v.room, v.street, `${v.postcode} ${v.town}`].filter(Boolean).join(', '),
  };
}

/** Name, room, street, postcode and town in one line. */
export function fullAddress(v: Address): string {
  const place = venuePlace(v);
  return `${place.venueName}, ${place.venueAddress}`;
}

/** The venue's copy for a meeting (with its host), or undefined when there is no such venue. */
export function placeOfVenue(
  db: DbOrTx,
  id: number,
): ({ venueId: number; hostOrganisationId: number | null } & ReturnType<typeof venuePlace>) | undefined {
  const v = venueRecord(db, id);
  return v && { venueId: v.id, hostOrganisationId: v.hostOrganisationId, ...venuePlace(v) };
}
