import type { OperationGroups, OperationId, OperationTypes } from '../generated/operations.js';
import type { GenerationResult } from './artifacts.js';
import type { RequestOptions } from './options.js';
import type { RawClient } from './raw-client.js';
import type { ResponseInfo, WithResponseInfo } from './response-info.js';
import type { BinaryResult, TextResult } from './results.js';

type Types<Op extends OperationId> = OperationTypes[Op];

type QueryOption<Op extends OperationId> = [Types<Op>['query']] extends [never]
  ? unknown
  : Types<Op>['queryRequired'] extends true
    ? { query: Types<Op>['query'] }
    : { query?: Types<Op>['query'] };

type HeaderOption<Op extends OperationId> = [Types<Op>['header']] extends [never]
  ? unknown
  : Types<Op>['headerRequired'] extends true
    ? { header: Types<Op>['header'] }
    : { header?: Types<Op>['header'] };

/** Whether the operation has a required query or header parameter, so that `options` (and `params`) are required. */
type ParamsRequired<Op extends OperationId> = true extends Types<Op>['queryRequired'] | Types<Op>['headerRequired']
  ? true
  : false;

type ParamsOption<Op extends OperationId> = [Types<Op>['query'] | Types<Op>['header']] extends [never]
  ? unknown
  : ParamsRequired<Op> extends true
    ? {
        /** The query and header parameters the spec declares for this operation. */
        params: QueryOption<Op> & HeaderOption<Op>;
      }
    : {
        /** The query and header parameters the spec declares for this operation. */
        params?: QueryOption<Op> & HeaderOption<Op>;
      };

type ContentTypeOption<Op extends OperationId> = [Types<Op>['requestMediaType']] extends [never]
  ? unknown
  : {
      /**
       * The request media type, for an operation whose spec offers several.
       * @default multipart when the body holds a file, else JSON when offered, else the spec's first
       */
      contentType?: Types<Op>['requestMediaType'];
    };

type ContentFilterOption<Op extends OperationId> = 'images' extends Types<Op>['result']
  ? {
      /** Overrides the client's `contentFiltered` for this call. */
      contentFiltered?: 'return' | 'throw';
    }
  : unknown;

/** The options of one operation's method: the request options, plus what the operation's spec entry allows. */
export type OperationOptions<Op extends OperationId> = RequestOptions & {
  /**
   * The response format to ask for (`Accept`). Whatever it is, an operation that answers images returns the
   * same result shape; `image/png` saves the base64 overhead but returns a single image.
   * @default the spec's `Accept` default, else JSON
   */
  accept?: Types<Op>['accept'];
} & ParamsOption<Op> &
  ContentTypeOption<Op> &
  ContentFilterOption<Op>;

type JsonResult<T> = T extends object ? WithResponseInfo<T> : T;

type ResultOfKind<Op extends OperationId, Kind> = Kind extends 'images'
  ? GenerationResult
  : Kind extends 'json'
    ? JsonResult<Types<Op>['data']>
    : Kind extends 'text'
      ? TextResult
      : Kind extends 'binary'
        ? BinaryResult
        : Kind extends 'empty'
          ? ResponseInfo
          : never;

/**
 * What an operation's method resolves to: artifacts for an operation that answers images, the JSON data
 * (checked against the spec) with `response` and `attempts` for one that answers JSON, and so on.
 */
export type OperationResult<Op extends OperationId> = ResultOfKind<Op, Types<Op>['result']>;

type BodyArgs<Op extends OperationId> = [Types<Op>['body']] extends [never]
  ? []
  : Types<Op>['bodyRequired'] extends true
    ? [body: Types<Op>['body']]
    : [body?: Types<Op>['body']];

type OptionsArgs<Op extends OperationId> =
  ParamsRequired<Op> extends true ? [options: OperationOptions<Op>] : [options?: OperationOptions<Op>];

/** The arguments of an operation's method: its path parameters in path order, its body (if any), its options. */
export type OperationArgs<Op extends OperationId> = [...Types<Op>['pathArgs'], ...BodyArgs<Op>, ...OptionsArgs<Op>];

/** One operation's method. */
export type OperationMethod<Op extends OperationId> = (...args: OperationArgs<Op>) => Promise<OperationResult<Op>>;

/** Every operation of the spec as a method, grouped and named by the naming rule. */
export type StabilityMethods = OperationGroups<{ [Op in OperationId]: OperationMethod<Op> }>;

/** The client: one group of methods per tag of the spec, and the raw typed client. */
export interface StabilityClient extends StabilityMethods {
  /** The typed openapi-fetch client with the same base URL and headers (no retries, no validation), for anything else. */
  raw: RawClient;
}
