import { z } from 'zod';
import { Text } from '../http/text.ts';

/** One saved version of a meeting's referat. */
export const ReferatVersion = z
  .object({
    version: z.number().int(),
    text: z.string(),
    author: z.string(),
    createdAt: z.string(),
    approvedAt: z.string().nullable(),
    approvedBy: z.string().nullable(),
    sentAt: z.string().nullable(),
    sentBy: z.string().nullable(),
    sentTo: z.number().int().nullable().describe('How many people it was sent to'),
  })
  .meta({ id: 'ReferatVersion' });
export type ReferatVersion = z.infer<typeof ReferatVersion>;

export const Referat = z
  .object({
    meetingId: z.number().int(),
    current: ReferatVersion.nullable().describe('The newest version; null before the first is saved'),
    versions: z.array(ReferatVersion).describe('Every version, newest first'),
  })
  .meta({ id: 'Referat' });
export type Referat = z.infer<typeof Referat>;

export const ReferatDraft = z
  .object({
    text: z
      .string()
      .describe('Assembled from the agenda with its minutes, attendance, barriers and agreements'),
  })
  .meta({ id: 'ReferatDraft' });

export const SaveReferat = z
  .strictObject({
    version: z
      .number()
      .int()
      .min(0)
      .describe('The newest version you read (0 when there is none); a stale one gets 409'),
    text: Text('document').min(1),
  })
  .meta({ id: 'SaveReferat' });
export type SaveReferat = z.infer<typeof SaveReferat>;

/** Approve or send: the version the facilitator read, which must be the newest. */
export const ReferatAction = z
  .strictObject({ version: z.number().int().min(1) })
  .meta({ id: 'ReferatAction' });
export type ReferatAction = z.infer<typeof ReferatAction>;

export const ReferatSent = z
  .object({ version: z.number().int(), recipients: z.number().int() })
  .meta({ id: 'ReferatSent' });

export const ReferatFormat = z.strictObject({ format: z.enum(['pdf', 'docx']).default('pdf') });
