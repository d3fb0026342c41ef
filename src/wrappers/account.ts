import type { components } from '../generated/types.js';
import { ResponseFormatError } from './errors.js';
import type { RequestOptions } from './options.js';
import { parseJson, send, type Transport } from './transport.js';

/** An engine the API offers. */
export type Engine = components['schemas']['Engine'];
/** The account of the API key's user. */
export type Account = components['schemas']['AccountResponseBody'];
/** The credit balance of the API key's organization. */
export type Balance = components['schemas']['BalanceResponseBody'];

/** `engines.list()`. */
export interface EngineOperations {
  /** Lists the engines available to your organization. */
  list(options?: RequestOptions): Promise<Engine[]>;
}

/** `user.account()` and `user.balance()`. */
export interface UserOperations {
  /** The account associated with the API key. */
  account(options?: RequestOptions): Promise<Account>;
  /** The credits left, e.g. `{ credits: 12.5 }`. */
  balance(options?: RequestOptions): Promise<Balance>;
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
      return engines as Engine[];
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
    return { value, status: read.response.status };
  };
  return {
    account: async (options = {}) => {
      const { value, status } = await getObject('/v1/user/account', 'account', options);
      if (typeof value.id !== 'string') throw new ResponseFormatError('account has no id', status, '');
      return value as Account;
    },
    balance: async (options = {}) => {
      const { value, status } = await getObject('/v1/user/balance', 'balance', options);
      if (typeof value.credits !== 'number')
        throw new ResponseFormatError('balance has no numeric credits', status, '');
      return value as Balance;
    },
  };
}
