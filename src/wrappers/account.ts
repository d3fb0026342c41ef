import type { components } from '../generated/types.js';
import { ResponseFormatError } from './errors.js';
import type { RequestOptions } from './options.js';
import { type WithResponseInfo, withResponseInfo } from './response-info.js';
import { parseJson, send, type Transport } from './transport.js';

/** An engine the API offers. */
export type Engine = components['schemas']['Engine'];
/** The account of the API key's user. */
export type Account = components['schemas']['AccountResponseBody'];
/** The credit balance of the API key's organization. */
export type Balance = components['schemas']['BalanceResponseBody'];

/** `engines.list()`. */
export interface EngineOperations {
  /** Lists the engines available to your organization (with `response` and `attempts`, not enumerable). */
  list(options?: RequestOptions): Promise<WithResponseInfo<Engine[]>>;
}

/** `user.account()` and `user.balance()`. */
export interface UserOperations {
  /** The account associated with the API key (with `response` and `attempts`, not enumerable). */
  account(options?: RequestOptions): Promise<WithResponseInfo<Account>>;
  /** The credits left, e.g. `{ credits: 12.5 }` (with `response` and `attempts`, not enumerable). */
  balance(options?: RequestOptions): Promise<WithResponseInfo<Balance>>;
}

/** Builds `engines.*` on a transport. */
export function engineOperations(transport: Transport): EngineOperations {
  return {
    list: async (options = {}) => {
      const read = await send(transport, {
        method: 'GET',
        template: '/v1/engines/list',
        accept: 'application/json',
        options,
      });
      const engines = parseJson(read, 'engine list');
      if (!Array.isArray(engines))
        throw new ResponseFormatError('engine list is not an array', read.response.status, '');
      return withResponseInfo(engines as Engine[], read);
    },
  };
}

/** Builds `user.*` on a transport. */
export function userOperations(transport: Transport): UserOperations {
  const getObject = async (template: string, what: string, options: RequestOptions) => {
    const read = await send(transport, { method: 'GET', template, accept: 'application/json', options });
    const value = parseJson(read, what) as Record<string, unknown> | null;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ResponseFormatError(`${what} is not a JSON object`, read.response.status, '');
    }
    return { value, read };
  };
  return {
    account: async (options = {}) => {
      const { value, read } = await getObject('/v1/user/account', 'account', options);
      if (typeof value.id !== 'string') throw new ResponseFormatError('account has no id', read.response.status, '');
      return withResponseInfo(value as Account, read);
    },
    balance: async (options = {}) => {
      const { value, read } = await getObject('/v1/user/balance', 'balance', options);
      if (typeof value.credits !== 'number')
        throw new ResponseFormatError('balance has no numeric credits', read.response.status, '');
      return withResponseInfo(value as Balance, read);
    },
  };
}
