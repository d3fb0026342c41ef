import type { OperationEntry, ParameterEntry, RequestMediaEntry } from '../generated/operations.js';
import { encodeBody } from './body-encoding.js';
import { headerIn } from './direct.js';
import { StabilityError, ValidationError } from './errors.js';
import { redact, redactError } from './logger.js';
import { callOptionIssues } from './option-checks.js';
import { callOptionRules, type OperationCallOptions } from './options.js';
import { clientOptionHeader } from './prose-rules.js';
import { serializeQuery } from './query.js';
import { readResult, successResponses } from './results.js';
import { loneSurrogateIssues } from './snapshot.js';
import { takeCall } from './take-call.js';
import { type Call, send, type Transport } from './transport.js';
import { isUpload, prepareUploads } from './uploads.js';
import { callIssues } from './validation.js';

/** What every method of a client shares: the transport and the client-wide settings. */
export interface ClientContext extends Transport {
  contentFiltered: 'return' | 'throw';
  /** Values of the client options that fill header parameters (`organization`, ...), by option. */
  clientHeaderValues: Partial<Record<'organization' | 'clientId' | 'clientVersion', string>>;
}

/** A method built from one table entry: its path arguments, then its body (if it takes one), then options. */
export type OperationFunction = (...args: unknown[]) => Promise<unknown>;

/** Builds the method of one operation. Everything it does follows from the table entry. */
export function operationMethod(context: ClientContext, operation: OperationEntry): OperationFunction {
  const pathParameters = operation.parameters.filter((parameter) => parameter.in === 'path');
  const acceptValues = acceptValuesOf(operation);
  const acceptParameter = operation.parameters.find(
    (parameter) => parameter.in === 'header' && parameter.name.toLowerCase() === 'accept',
  );
  // What every call of the operation shares, worked out once.
  const plan: CallPlan = {
    acceptValues,
    defaultAccept: defaultAccept(acceptParameter, acceptValues),
    acceptName: acceptParameter?.name ?? 'Accept',
    headerParameters: operation.parameters.filter(
      (parameter) => parameter.in === 'header' && parameter !== acceptParameter,
    ),
    headerOfOption: clientHeaders(context, operation),
  };
  const optionsIndex = pathParameters.length + (operation.request ? 1 : 0);
  return async (...args) => {
    const pathValues: Record<string, unknown> = {};
    for (let index = 0; index < pathParameters.length; index++) {
      pathValues[(pathParameters[index] as ParameterEntry).name] = args[index];
    }
    const body = operation.request ? args[pathParameters.length] : undefined;
    const options = (args[optionsIndex] ?? noOptions) as OperationCallOptions;
    try {
      return await invoke(context, operation, plan, { pathValues, body, options });
    } catch (error) {
      throw asStabilityError(context, operation, error);
    }
  };
}

/** The options of a call made without any: nothing to check. */
const noOptions: OperationCallOptions = Object.freeze({});

/**
 * Every failure of a call is a `StabilityError`: one that is not (a bug, or something a custom fetch or
 * runtime threw that no rule foresaw) is wrapped, its message redacted, the original kept as `cause`.
 */
function asStabilityError(context: ClientContext, operation: OperationEntry, error: unknown): StabilityError {
  if (error instanceof StabilityError) return redactError(error, context.secrets);
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new StabilityError(`${operation.operationId}: ${redact(reason, context.secrets)}`, { cause: error });
}

/** What every call of one operation shares. */
interface CallPlan {
  /** The media types the operation can answer with. */
  acceptValues: readonly string[];
  /** The `Accept` sent when the call names none. */
  defaultAccept: string;
  /** The name of the `Accept` parameter, as the spec writes it. */
  acceptName: string;
  /** The header parameters the spec declares, `Accept` aside. */
  headerParameters: readonly ParameterEntry[];
  /** Declared header parameters the client options fill, by their spec names. */
  headerOfOption: Record<string, string>;
}

interface Invocation {
  pathValues: Record<string, unknown>;
  body: unknown;
  options: OperationCallOptions;
}

/**
 * The call pipeline: check the options, take one copy of the call's values, choose the media types,
 * validate that copy, make its uploads ready once, send, read. Nothing of the user's is read again after
 * the copy is taken.
 */
async function invoke(
  context: ClientContext,
  operation: OperationEntry,
  plan: CallPlan,
  call: Invocation,
): Promise<unknown> {
  const { options } = call;
  const optionIssues = options === noOptions ? [] : callOptionIssues(options, callOptionRules);
  if (optionIssues.length > 0) throw new ValidationError(operation.operationId, optionIssues);
  const accept = options.accept ?? headerIn(options.headers, 'accept') ?? plan.defaultAccept;
  const { pathValues, query, header, body, issues } = takeCall({
    pathValues: call.pathValues,
    query: options.params?.query,
    header: headerParameters(plan, options, accept),
    body: call.body,
  });
  const media = operation.request ? chooseRequestMedia(operation.request.media, body, options.contentType) : undefined;
  if (media && media.encoding !== 'json') issues.push(...loneSurrogateIssues(body, ''));
  if (context.validate) {
    issues.push(
      ...callIssues({
        operation,
        pathValues,
        query,
        header,
        body,
        media,
        accept,
        acceptValues: plan.acceptValues,
        contentType: options.contentType,
      }),
    );
  }
  if (issues.length > 0) throw new ValidationError(operation.operationId, issues);
  const sent = prepareUploads(body);
  const encoding = media && sent !== undefined ? encodeBody(media, sent) : undefined;
  const request: Call = {
    method: operation.method,
    template: operation.path,
    pathValues: stringValues(pathValues),
    headers: encoding ? { ...stringValues(header), ...encoding.headers } : stringValues(header),
    options,
  };
  if (query) {
    request.query = query;
    request.querySerializer = (values) => serializeQuery(operation.parameters, values);
  }
  if (sent !== undefined) request.body = sent;
  if (encoding?.bodySerializer) request.bodySerializer = encoding.bodySerializer;
  if (encoding?.init) request.init = encoding.init;
  if (encoding?.fullyRead) request.bodyFullyRead = encoding.fullyRead;
  const read = await send(context, request);
  return readResult({ operation, accept, contentFiltered: options.contentFiltered ?? context.contentFiltered }, read);
}

/** The media types an operation can answer with: its `Accept` parameter's enum, else its 2xx media types. */
function acceptValuesOf(operation: OperationEntry): readonly string[] {
  const parameter = operation.parameters.find(
    (candidate) => candidate.in === 'header' && candidate.name.toLowerCase() === 'accept',
  );
  if (parameter?.enum) return parameter.enum.filter((value): value is string => typeof value === 'string');
  return [
    ...new Set(successResponses(operation).flatMap((response) => response.media.map((media) => media.mediaType))),
  ];
}

/**
 * The `Accept` sent when the caller names none: the parameter's default, else JSON when offered, else the
 * first media type. Always sent: without one, fetch sends `*` + `/*`, which the API and mocks may refuse.
 */
function defaultAccept(acceptParameter: ParameterEntry | undefined, values: readonly string[]): string {
  const fallback = acceptParameter?.default;
  if (typeof fallback === 'string') return fallback;
  return values.find((value) => value.includes('json')) ?? values[0] ?? 'application/json';
}

/**
 * Declared header parameters and the values they get: client options, then the call's `headers`, then its
 * `params.header`, then `Accept` (from `options.accept`).
 */
function headerParameters(plan: CallPlan, options: OperationCallOptions, accept: string): Record<string, unknown> {
  const values: Record<string, unknown> = { ...plan.headerOfOption };
  for (const given of [options.headers, options.params?.header]) {
    if (!given) continue;
    for (const name of Object.keys(given)) {
      const value = given[name];
      const parameter = plan.headerParameters.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
      if (value !== undefined && parameter) values[parameter.name] = value;
    }
  }
  values[plan.acceptName] = accept;
  return values;
}

/** The client options that fill a header parameter this operation declares, under the parameter's name. */
function clientHeaders(context: ClientContext, operation: OperationEntry): Record<string, string> {
  const declared = operation.parameters
    .filter((parameter) => parameter.in === 'header')
    .map((parameter) => parameter.name);
  const values: Record<string, string> = {};
  for (const [option, value] of Object.entries(context.clientHeaderValues)) {
    const name = clientOptionHeader(option as keyof ClientContext['clientHeaderValues'], declared);
    if (value !== undefined && declared.includes(name)) values[name] = value;
  }
  return values;
}

/**
 * The values as text, those left undefined dropped (keys are the spec's parameter names). Values that are
 * all text already (most calls: the call's own copy, from `takeCall`) are returned as they are.
 */
function stringValues(values: Record<string, unknown>): Record<string, string> {
  let allText = true;
  for (const name in values) if (typeof values[name] !== 'string') allText = false;
  if (allText) return values as Record<string, string>;
  const strings: Record<string, string> = {};
  for (const name of Object.keys(values)) {
    const value = values[name];
    if (value !== undefined) strings[name] = String(value);
  }
  return strings;
}

/**
 * The request media type: the caller's `contentType`, else the only one, else binary for a file, text for
 * a string, multipart when the body holds a file, else JSON when offered, else the first the spec lists.
 */
function chooseRequestMedia(
  media: readonly RequestMediaEntry[],
  body: unknown,
  requested: string | undefined,
): RequestMediaEntry | undefined {
  if (requested !== undefined) return media.find((item) => item.mediaType === requested) ?? media[0];
  if (media.length <= 1) return media[0];
  if (isUpload(body)) return media.find((item) => item.encoding === 'binary') ?? media[0];
  if (typeof body === 'string') return media.find((item) => item.encoding === 'text') ?? media[0];
  const holdsFile = body !== null && typeof body === 'object' && Object.values(body).some(isUpload);
  return (
    (holdsFile ? media.find((item) => item.encoding === 'multipart') : undefined) ??
    media.find((item) => item.encoding === 'json') ??
    media[0]
  );
}
