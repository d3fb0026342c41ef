/**
 * stability-rest: a typed client for the Stability AI v1 REST API, generated from its OpenAPI spec.
 * @packageDocumentation
 */

export {
  type OperationEntry,
  type OperationGroups,
  type OperationId,
  type OperationTypes,
  operations,
  specInfo,
} from './generated/operations.js';
export type { components, operations as operationTypes, paths } from './generated/types.js';
export { type SchemaIssue, schemaMessage, type Validator } from './generated/validators.js';
export type { Artifact, FinishReason, GenerationResult } from './wrappers/artifacts.js';
export { createStabilityClient } from './wrappers/client.js';
export {
  APIError,
  type APIErrorBody,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  ContentFilteredError,
  InternalServerError,
  NotFoundError,
  OptionError,
  PermissionDeniedError,
  RateLimitError,
  RedirectError,
  ResponseFormatError,
  StabilityError,
  TimeoutError,
  UserAbortError,
  ValidationError,
  type ValidationIssue,
} from './wrappers/errors.js';
export type { Logger, LogLevel } from './wrappers/logger.js';
export type {
  OperationArgs,
  OperationMethod,
  OperationOptions,
  OperationResult,
  StabilityClient,
  StabilityMethods,
} from './wrappers/methods.js';
export type { Accept, ClientOptions, FetchOptions, GenerationOptions, RequestOptions } from './wrappers/options.js';
export type {
  Account,
  Balance,
  BodyOf,
  DataOf,
  Engine,
  EngineOperations,
  GenerationOperations,
  GroupOf,
  ImageToImageBody,
  MaskingBody,
  OperationAt,
  TextToImageBody,
  UpscaleBody,
  UserOperations,
} from './wrappers/public-types.js';
export type { RateLimit } from './wrappers/rate-limiter.js';
export type {
  HttpMethod,
  PathsWith,
  RawClient,
  RawInit,
  RawMethod,
  RawMiddleware,
  RawResult,
} from './wrappers/raw-client.js';
export type { ResponseInfo, WithResponseInfo } from './wrappers/response-info.js';
export type { BinaryResult, TextResult } from './wrappers/results.js';
export type { RetryBackoff } from './wrappers/retry.js';
export type { Upload } from './wrappers/uploads.js';
