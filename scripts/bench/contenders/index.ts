/** The contenders, by name: which module each loads. `raw-fetch-b` is a second copy of the baseline (A/A). */
export const contenders = {
  'raw-fetch': { module: 'raw-fetch', label: 'raw fetch (spec code sample)' },
  'raw-fetch-b': { module: 'raw-fetch', label: 'raw fetch, second copy (A/A noise floor)' },
  'openapi-fetch': { module: 'openapi-fetch', label: 'plain openapi-fetch 0.17' },
  'stability-rest': { module: 'stability-rest', label: 'stability-rest (built package)' },
} as const;

/** A contender's name. */
export type ContenderName = keyof typeof contenders;

/** Every contender, baseline first. */
export const contenderNames = Object.keys(contenders) as ContenderName[];

/** The contender every ratio is taken against. */
export const baseline: ContenderName = 'raw-fetch';
