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
      const read = await send(transport, { method: 'GET', template: '/v1/engines/list', options });
      return expectShape(
        parseJson(read, 'engine list'),
        Array.isArray,
        'engine list is not an array',
        read.response,
      ) as Engine[];
    },
  };
}

/** Builds `user.*` on a transport. */
export function userOperations(transport: Transport): UserOperations {
  const getObject = async (template: string, what: string, options: RequestOptions) => {
    const read = await send(transport, { method: 'GET', template, options });
    return expectShape(parseJson(read, what), isObject, `${what} is not a JSON object`, read.response);
  };
  return {
    account: async (options = {}) => (await getObject('/v1/user/account', 'account', options)) as Account,
    balance: async (options = {}) => {
      const balance = (await getObject('/v1/user/balance', 'balance', options)) as Balance;
      if (typeof balance.credits !== 'number') throw new ResponseFormatError('balance has no numeric credits', 200, '');
      return balance;
    },
  };
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function expectShape(value: unknown, check: (value: unknown) => boolean, problem: string, response: Response): unknown {
  if (!check(value)) throw new ResponseFormatError(problem, response.status, '');
  return value;
}
