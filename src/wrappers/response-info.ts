/** How a call went at the HTTP level. Every result carries it, generation results and API data alike. */
export interface ResponseInfo {
  /** The HTTP response (status, headers, e.g. a request id); its body has been read. */
  readonly response: Response;
  /** How many attempts the call took (1 when it needed no retry). */
  readonly attempts: number;
}

/**
 * The API's data (an engine list, an account, a balance) with {@link ResponseInfo} as extra properties.
 * They are not enumerable, so the data serializes, spreads and compares exactly as the API sent it.
 */
export type WithResponseInfo<T> = T & ResponseInfo;

/**
 * Attaches {@link ResponseInfo} to the API's data as non-enumerable properties (the way stripe-node attaches
 * `lastResponse`). A key the data already has is left as the API sent it.
 */
export function withResponseInfo<T extends object>(data: T, info: ResponseInfo): WithResponseInfo<T> {
  for (const key of responseInfoKeys) {
    if (Object.hasOwn(data, key)) continue;
    hidden.value = info[key];
    Object.defineProperty(data, key, hidden);
  }
  hidden.value = undefined;
  return data as WithResponseInfo<T>;
}

const responseInfoKeys = ['response', 'attempts'] as const;

/**
 * The descriptor of a {@link ResponseInfo} property: a value, not enumerable (nor writable or configurable,
 * as `defineProperty` leaves them). One object reused, its value set before each use and cleared after.
 */
const hidden: PropertyDescriptor = { value: undefined, enumerable: false };
