import type { OperationEntry } from '../generated/operations.js';
import { fileFromPath } from '../node.js';
import type { ArgumentModel, FlagSpec } from './arguments.js';
import { collectPrompts, type PromptToken, promptItems } from './prompts.js';

/** The values `parseArgs` gives, by flag name. */
export type FlagValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** The arguments of one client call, made from the command line. */
export interface CallInput {
  /** Path parameter values, in the order of the path. */
  readonly pathValues: readonly string[];
  readonly body?: Record<string, unknown>;
  /** The `Accept` header parameter's value, if given. */
  readonly accept?: string;
  readonly params: { header: Record<string, string>; query: Record<string, unknown> };
}

/**
 * Turns flag values into a client call. Text that does not read as its type is passed on as text, so the
 * client's validation reports it with every other issue. `problems` are what only the command line can
 * see (a missing file, a misplaced `--weight`); the call is still built, with an empty file in place.
 */
export async function buildCallInput(
  operation: OperationEntry,
  model: ArgumentModel,
  values: FlagValues,
  promptTokens: readonly PromptToken[],
): Promise<{ input: CallInput; problems: string[] }> {
  const problems: string[] = [];
  const pathValues: string[] = [];
  const header: Record<string, string> = {};
  const query: Record<string, unknown> = {};
  const body: Record<string, unknown> = {};
  let accept: string | undefined;
  for (const spec of model.flags) {
    const raw = values[spec.flag];
    const given = raw === undefined ? spec.example : raw;
    if (spec.target.in === 'path') pathValues.push(given === undefined ? '' : String(given));
    if (given === undefined) continue;
    if (spec.target.in === 'body') body[spec.target.name] = await fieldValue(spec, given, problems);
    else if (spec.target.in === 'query') query[spec.target.name] = scalar(spec, String(given));
    else if (spec.target.in === 'header' && spec.target.name.toLowerCase() === 'accept') accept = String(given);
    else if (spec.target.in === 'header') header[spec.target.name] = String(given);
  }
  if (model.prompts) {
    const { prompts, problems: promptProblems } = collectPrompts(promptTokens);
    problems.push(...promptProblems);
    if (prompts.length > 0) body[model.prompts.field] = promptItems(model.prompts, prompts);
  }
  const hasBody = operation.request !== undefined && (operation.request.required || Object.keys(body).length > 0);
  return {
    input: { pathValues, params: { header, query }, ...(hasBody ? { body } : {}), ...(accept ? { accept } : {}) },
    problems,
  };
}

async function fieldValue(spec: FlagSpec, given: unknown, problems: string[]): Promise<unknown> {
  const texts = (Array.isArray(given) ? given : [given]).map(String);
  const last = texts.at(-1) ?? '';
  switch (spec.kind) {
    case 'file':
      return fileValue(spec, last, problems);
    case 'boolean':
      return given === true || given === 'true';
    case 'json':
      return parseJson(last);
    case 'list':
      return texts.map((text) => scalar(spec, text));
    default:
      return scalar(spec, last);
  }
}

/** A file given by path, streamed by the client. A missing one is a problem, with an empty file in its place. */
async function fileValue(spec: FlagSpec, path: string, problems: string[]): Promise<unknown> {
  try {
    return await fileFromPath(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    problems.push(`--${spec.flag} ${path}: ${reason}`);
    return new Blob([]);
  }
}

/** A number for a numeric flag (or one whose enum holds numbers) when the text reads as one, else the text. */
function scalar(spec: FlagSpec, text: string): unknown {
  const numeric =
    spec.kind === 'number' ||
    spec.type === 'number' ||
    spec.type === 'integer' ||
    spec.enum?.some((value) => typeof value === 'number');
  const number = Number(text);
  if (numeric && text.trim() !== '' && Number.isFinite(number)) return number;
  if (spec.type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
