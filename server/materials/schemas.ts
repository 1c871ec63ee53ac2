import { z } from 'zod';
import { Id } from '../http/common-schemas.ts';

export const Material = z
  .object({
    id: z.number().int(),
    meetingId: z.number().int(),
    filename: z.string(),
    contentType: z.string(),
    size: z.number().int().describe('Bytes'),
    sha256: z.string(),
    uploadedBy: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Material' });
export const MaterialList = z.array(Material);

export const MaterialParams = z.strictObject({ id: Id, materialId: Id });
export const MaterialLinkParams = z.strictObject({ token: z.string().max(200), materialId: Id });
