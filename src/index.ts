/**
 * stability-rest: a typed client for the Stability AI v1 REST API.
 *
 * Everything here follows `openapi/stabilityai.json`: the types and validators are generated from it.
 * @packageDocumentation
 */

export { requestBodies, responseValidators } from './generated/request-bodies.js';
export type { components, operations, paths } from './generated/types.js';
export type { SchemaIssue, Validator } from './generated/validators.js';
