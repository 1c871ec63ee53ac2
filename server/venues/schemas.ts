import { z } from 'zod';
import { Id, Pagination, pageOf, Timestamp, Version } from '../http/common-schemas.ts';
import { Text } from '../http/text.ts';

const Required = (kind: 'name' | 'line' | 'code') => Text(kind).min(1);
const Optional = (kind: 'name' | 'line' | 'reason') => Text(kind).nullable().optional();

export const Venue = z
  .object({
    id: z.number().int(),
    name: z.string(),
    street: z.string(),
    postcode: z.string(),
    town: z.string(),
    room: z.string().nullable(),
    directions: z.string().nullable().describe('How to get there and where to park'),
    accessibility: z.string().nullable(),
    seats: z.number().int().nullable(),
    hostOrganisation: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    hostContact: z.object({ id: z.number().int(), name: z.string(), email: z.string() }).nullable(),
    fullAddress: z.string().describe('Name, room, street, postcode and town: what invitees read'),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Venue' });
export type Venue = z.infer<typeof Venue>;

export const CreateVenue = z
  .strictObject({
    name: Required('name').describe('e.g. "Odense Rådhus"'),
    street: Required('line').describe('Street and number; a venue without an address is refused'),
    postcode: Required('code'),
    town: Required('name'),
    room: Optional('name').describe('e.g. "Mødelokale 2.14"'),
    directions: Optional('reason').describe('How to get there and where to park'),
    accessibility: Optional('reason').describe('Step-free access, lift, hearing loop …'),
    seats: z.number().int().positive().max(100_000).nullable().optional(),
    hostOrganisationId: Id.nullable().optional(),
    hostContactId: Id.nullable()
      .optional()
      .describe('The person at the host who confirms and gets the needs list'),
  })
  .meta({ id: 'CreateVenue' });
export type CreateVenue = z.infer<typeof CreateVenue>;

export const UpdateVenue = CreateVenue.partial().extend({ version: Version }).meta({ id: 'UpdateVenue' });
export type UpdateVenue = z.infer<typeof UpdateVenue>;

export const VenueQuery = z.strictObject({
  ...Pagination,
  q: Text('search').optional().describe('Part of the name, street or town'),
  hostOrganisationId: Id.optional(),
});
export type VenueQuery = z.infer<typeof VenueQuery>;

export const VenueList = pageOf(Venue).meta({ id: 'VenueList' });
export type VenueList = z.infer<typeof VenueList>;
