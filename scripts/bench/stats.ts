/** Small statistics for the report: medians and ranges over rounds, and ratios taken round by round. */

/** A median with the range it came from. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** The median of numbers (the mean of the middle two for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Median, min and max of numbers. */
export function spread(values: readonly number[]): Spread {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  return { median: median(finite), min: Math.min(...finite), max: Math.max(...finite) };
}

/**
 * Ratios of `values` to `baseline`, pairing the same round: contenders ran interleaved within a round, so
 * pairing cancels load that changed between rounds. Rounds missing either value are skipped.
 */
export function pairedRatios(values: readonly number[], baseline: readonly number[]): number[] {
  return values.flatMap((value, round) => {
    const base = baseline[round];
    return base !== undefined && base > 0 && Number.isFinite(value) ? [value / base] : [];
  });
}
