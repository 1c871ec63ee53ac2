import { z } from 'zod';
import { invitationResponses, roleLevels } from '../../db/schema/index.ts';
import { Id } from '../http/common-schemas.ts';

const OrganisationBrief = z.object({ id: z.number().int(), name: z.string(), kind: z.string() });

export const AudiencePerson = z
  .object({
    personId: z.number().int(),
    name: z.string(),
    email: z.string(),
    language: z.string(),
    organisation: OrganisationBrief,
    memberOrganisationId: z.number().int().nullable(),
    roles: z.array(z.object({ key: z.string(), name: z.string(), level: z.enum(roleLevels) })),
    addedByHand: z.boolean(),
    invitation: z
      .object({
        id: z.number().int(),
        state: z.enum(['pending', 'sent', 'withdrawn']),
        response: z.enum(invitationResponses),
      })
      .nullable(),
  })
  .meta({ id: 'AudiencePerson' });

export const Audience = z
  .object({
    meetingId: z.number().int(),
    roleKeys: z.array(z.string()),
    people: z.array(AudiencePerson),
    removed: z.array(AudiencePerson),
    coverage: z.object({
      members: z.array(
        z.object({
          organisation: OrganisationBrief,
          memberRole: z.enum(['convener', 'member', 'support']),
          invited: z.number().int(),
          leadership: z.number().int(),
          practice: z.number().int(),
          gaps: z.array(z.enum(['nobody', 'no_leadership', 'no_practice'])),
        }),
      ),
      gaps: z.array(z.object({ organisationId: z.number().int(), problem: z.string(), message: z.string() })),
    }),
  })
  .meta({ id: 'Audience' });

export const AddAudiencePerson = z.strictObject({ personId: Id });
export const AudiencePersonParams = z.strictObject({ id: Id, personId: Id });

export const AudienceChange = z.object({
  changed: z.boolean(),
  cancellationQueued: z.boolean(),
});

export const SendReport = z
  .object({
    meetingId: z.number().int(),
    invited: z.number().int(),
    alreadyInvited: z.number().int(),
    queued: z.number().int(),
    status: z.string(),
  })
  .meta({ id: 'InvitationSendReport' });
