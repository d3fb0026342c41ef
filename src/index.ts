/**
 * stability-rest: a typed client for the Stability AI v1 REST API, generated from its OpenAPI spec.
 * @packageDocumentation
 */

export { requestBodies, responseValidators } from './generated/request-bodies.js';
export type { components, operations, paths } from './generated/types.js';
export type { SchemaIssue, Validator } from './generated/validators.js';
export type { Account, Balance, Engine, EngineOperations, UserOperations } from './wrappers/account.js';
export type { Artifact, FinishReason, GenerationResult } from './wrappers/artifacts.js';
export { createStabilityClient, type StabilityClient } from './wrappers/client.js';
export {
  APIError,
  type APIErrorBody,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  ContentFilteredError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseFormatError,
  StabilityError,
  TimeoutError,
  UserAbortError,
  ValidationError,
  type ValidationIssue,
} from './wrappers/errors.js';
export type {
  GenerationOperations,
  ImageToImageBody,
  MaskingBody,
  TextToImageBody,
  UpscaleBody,
} from './wrappers/generation.js';
export type { Logger, LogLevel } from './wrappers/logger.js';
export type { Accept, ClientOptions, GenerationOptions, RequestOptions } from './wrappers/options.js';
export type { RateLimit } from './wrappers/rate-limiter.js';
export type { ResponseInfo, WithResponseInfo } from './wrappers/response-info.js';
export type { RetryBackoff } from './wrappers/retry.js';
export type { RawClient } from './wrappers/transport.js';
export type { Upload } from './wrappers/uploads.js';
