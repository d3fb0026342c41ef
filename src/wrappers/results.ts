import type { OperationEntry, ResponseEntry, ResponseMediaEntry } from '../generated/operations.js';
import { schemaMessage } from '../generated/validators.js';
import { artifactFromImage, artifactsFromJson, type GenerationResult } from './artifacts.js';
import { ContentFilteredError, excerpt, ResponseFormatError } from './errors.js';
import { type ResponseInfo, withResponseInfo } from './response-info.js';
import { contentFilteredReason } from './response-shapes.js';
import type { ReadResponse } from './transport.js';

/** The result of an operation that answers a body that is neither JSON nor an image. */
export interface BinaryResult extends ResponseInfo {
  /** The body's bytes. */
  data: Uint8Array;
  /** The body's media type. */
  contentType: string;
}

/** The result of an operation that answers text. */
export interface TextResult extends ResponseInfo {
  /** The body as text. */
  data: string;
  /** The body's media type. */
  contentType: string;
}

/** One decoder for every body (`decode` without `stream` keeps no state between calls). */
const utf8 = new TextDecoder();

/** Whether a response answers images: it offers an `image/*` media type (its JSON form then holds them too). */
export function answersImages(response: ResponseEntry | undefined): boolean {
  return response?.media.some((media) => media.kind === 'image') ?? false;
}

/** The 2xx responses, or `default` when the spec declares none. */
export function successResponses(operation: OperationEntry): readonly ResponseEntry[] {
  const success = operation.responses.filter((response) => response.status.startsWith('2'));
  return success.length > 0 ? success : operation.responses.filter((response) => response.status === 'default');
}

/**
 * The declared response of a status: exact (`200`), then its range (`2XX`), then `default`; a 2xx status
 * the spec does not list is read as its first success response (so its JSON is still checked).
 */
function responseFor(operation: OperationEntry, status: number): ResponseEntry | undefined {
  return remembered(responsesByStatus, operation, status, () => findResponse(operation, status));
}

/** {@link responseFor}'s answers, per operation and status: the table does not change. */
const responsesByStatus = new WeakMap<OperationEntry, Map<number, ResponseEntry | undefined>>();

function findResponse(operation: OperationEntry, status: number): ResponseEntry | undefined {
  const exact = String(status);
  const range = `${exact[0]}XX`;
  return (
    operation.responses.find((response) => response.status === exact) ??
    operation.responses.find((response) => response.status.toUpperCase() === range) ??
    operation.responses.find((response) => response.status === 'default') ??
    (exact.startsWith('2') ? successResponses(operation)[0] : undefined)
  );
}

/** Whether a declared media type covers a body's: the same, or a wildcard (`image/*`, `*` + `/*`) that covers it. */
function covers(declared: string, type: string): boolean {
  const [declaredType = '', declaredSubtype = ''] = bareType(declared).split('/');
  const [actualType = '', actualSubtype = ''] = type.split('/');
  return (
    (declaredType === '*' || declaredType === actualType) &&
    (declaredSubtype === '*' || declaredSubtype === actualSubtype)
  );
}

/**
 * The declared media of a body's Content-Type: exact (parameters ignored), then a wildcard that covers it,
 * then one of the same kind. A wildcard is read by the body's own kind, checked only when both are JSON.
 */
function mediaFor(response: ResponseEntry | undefined, contentType: string): ResponseMediaEntry | undefined {
  if (!response) return findMedia(response, contentType);
  // A server could answer many different Content-Types (parameters): keep at most 16 per response.
  return remembered(mediaByContentType, response, contentType, () => findMedia(response, contentType), 16);
}

/** {@link mediaFor}'s answers, per declared response and Content-Type. */
const mediaByContentType = new WeakMap<ResponseEntry, Map<string, ResponseMediaEntry | undefined>>();

/**
 * The answer `find` gives for `key` of `owner`, worked out once and kept in `cache` (at most `limit`
 * answers per owner; beyond that, worked out each time). The table's entries never change, so neither do
 * the answers.
 */
function remembered<Owner extends object, Key, Value>(
  cache: WeakMap<Owner, Map<Key, Value>>,
  owner: Owner,
  key: Key,
  find: () => Value,
  limit = Number.POSITIVE_INFINITY,
): Value {
  let answers = cache.get(owner);
  if (!answers) {
    answers = new Map();
    cache.set(owner, answers);
  }
  if (answers.has(key)) return answers.get(key) as Value;
  const found = find();
  if (answers.size < limit) answers.set(key, found);
  return found;
}

function findMedia(response: ResponseEntry | undefined, contentType: string): ResponseMediaEntry | undefined {
  const type = bareType(contentType);
  const kind = kindOf(type);
  const media = response?.media ?? [];
  const exact = media.find((item) => bareType(item.mediaType) === type);
  if (exact) return exact;
  const wildcard = media.find((item) => item.mediaType.includes('*') && covers(item.mediaType, type));
  if (wildcard) return wildcard.kind === kind ? wildcard : { mediaType: type, kind };
  return media.find((item) => item.kind === kind);
}

/**
 * A body the spec declares no content for (some revisions list a 200 with headers only, although the API
 * answers JSON or an image): read it by its own Content-Type, with nothing to check it against.
 */
function undeclaredMedia(declared: ResponseEntry | undefined, contentType: string): ResponseMediaEntry | undefined {
  if (declared && declared.media.length > 0) return undefined;
  const type = bareType(contentType);
  return { mediaType: type, kind: kindOf(type) };
}

/** A media type without its parameters, lower case. */
function bareType(contentType: string): string {
  return contentType.split(';')[0]?.trim().toLowerCase() ?? '';
}

/** How a body of a media type is read, as the generator classifies declared ones. */
function kindOf(type: string): ResponseMediaEntry['kind'] {
  if (type.includes('json')) return 'json';
  if (type.startsWith('image/')) return 'image';
  return type.startsWith('text/') ? 'text' : 'binary';
}

/** What a result reader needs besides the response. */
export interface ReadContext {
  operation: OperationEntry;
  accept: string;
  contentFiltered: 'return' | 'throw';
}

/**
 * Reads a 2xx response the way its media type says: JSON (checked against the spec's validator for the
 * operation and status), an image, text or bytes. An operation that answers images returns its artifacts
 * in either form. A body the spec does not describe is a `ResponseFormatError`.
 */
export function readResult({ operation, accept, contentFiltered }: ReadContext, read: ReadResponse): unknown {
  const { response, attempts } = read;
  const declared = responseFor(operation, response.status);
  const info = { response, attempts };
  if (read.bytes.length === 0 && (declared?.media.length ?? 0) === 0) return withResponseInfo({}, info);
  const contentType = response.headers.get('Content-Type') ?? accept;
  const media = mediaFor(declared, contentType) ?? undeclaredMedia(declared, contentType);
  if (!media) {
    const expected = declared?.media.map((item) => item.mediaType).join(', ') || 'no body';
    throw new ResponseFormatError(
      `response has Content-Type ${contentType}; the spec declares ${expected} for ${response.status}`,
      response.status,
      excerpt(utf8.decode(read.bytes.subarray(0, 400))),
    );
  }
  if (answersImages(declared) || media.kind === 'image') {
    return imagesResult(operation, { ...info, artifacts: imageArtifacts(read, media, declared) }, contentFiltered);
  }
  switch (media.kind) {
    case 'json':
      return jsonData(read, media);
    case 'text':
      return { data: takeText(read), contentType, ...info } satisfies TextResult;
    default:
      return { data: read.bytes, contentType, ...info } satisfies BinaryResult;
  }
}

function imageArtifacts(read: ReadResponse, media: ResponseMediaEntry, declared: ResponseEntry | undefined) {
  const { response } = read;
  if (media.kind === 'image') return [artifactFromImage(read.bytes, response.headers, response.status, declared)];
  if (media.kind !== 'json') {
    throw new ResponseFormatError(
      `response has Content-Type ${media.mediaType}, not JSON or an image`,
      response.status,
      excerpt(utf8.decode(read.bytes.subarray(0, 400))),
    );
  }
  const text = takeText(read);
  return artifactsFromJson(parseJsonText(text, response.status), media, response.status, text);
}

function imagesResult(operation: OperationEntry, result: GenerationResult, contentFiltered: 'return' | 'throw') {
  const filtered = result.artifacts.flatMap((artifact, index) =>
    artifact.finishReason === contentFilteredReason ? [index] : [],
  );
  if (filtered.length > 0 && contentFiltered === 'throw') {
    throw new ContentFilteredError(operation.operationId, filtered, result);
  }
  return result;
}

/** A JSON body checked against the spec's validator for its operation and status, with `response` and `attempts`. */
function jsonData(read: ReadResponse, media: ResponseMediaEntry): unknown {
  const { response, attempts } = read;
  const text = takeText(read);
  const data = parseJsonText(text, response.status);
  if (media.validate && !media.validate(data)) {
    const problem = media.validate.errors?.[0];
    const where = problem ? ` (${problem.instancePath || 'body'} ${schemaMessage(problem)})` : '';
    throw new ResponseFormatError(`response does not match the spec${where}`, response.status, excerpt(text));
  }
  return data !== null && typeof data === 'object' ? withResponseInfo(data, { response, attempts }) : data;
}

/**
 * The body as text, its bytes let go: nothing refers to them any more, so a large JSON body is not held
 * twice (bytes and text) while it is parsed, checked and decoded.
 */
function takeText(read: ReadResponse): string {
  const text = utf8.decode(read.bytes);
  read.bytes = new Uint8Array(0);
  return text;
}

function parseJsonText(text: string, status: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ResponseFormatError('response is not valid JSON', status, excerpt(text));
  }
}
