/** The middle of the figures of repeated runs (the lower middle of an even count): one slow or fast run does not move it. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}
