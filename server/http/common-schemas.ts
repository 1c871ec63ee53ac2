import { z } from 'zod';

/** An id: a JSON number, or decimal digits in a path or query (never `0x10`, `1e3` or ` 16`). */
export const Id = z
  .union([z.number(), z.string().regex(/^[0-9]{1,16}$/, 'decimal digits')])
  .transform(Number)
  .pipe(z.number().int().positive().max(Number.MAX_SAFE_INTEGER));
export const IdParams = z.strictObject({ id: Id });

/** Instants in JSON are ISO 8601 with their UTC offset. */
export const Timestamp = z.iso.datetime({ offset: true });
/** Calendar dates are YYYY-MM-DD. */
export const CalendarDate = z.iso.date();

export const Version = z.number().int().positive().describe('The version you read; a stale one gets 409');

export const Pagination = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  });
}

/** Query flags arrive as strings. */
export const QueryBoolean = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
