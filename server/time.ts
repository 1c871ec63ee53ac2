/** The one clock of the service, so timestamps are alike everywhere (ISO 8601, UTC, "Z"). */
export function nowIso(): string {
  return new Date().toISOString();
}
