import type { ParameterEntry } from '../generated/operations.js';

/**
 * The query string of a call, each parameter serialised as the spec's `style` and `explode` say (OpenAPI
 * defaults: `form`, exploded): `ids=a&ids=b`, `ids=a,b`, `ids=a%20b`, `ids=a|b`, `f[a]=1` or `a=1`.
 * Names and values are percent-encoded; a parameter the spec does not declare is sent as `form`.
 */
export function serializeQuery(parameters: readonly ParameterEntry[], query: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const declared = parameters.find((parameter) => parameter.in === 'query' && parameter.name === name);
    const style = declared?.style ?? 'form';
    const explode = declared?.explode ?? style === 'form';
    parts.push(...serializeParameter(name, value, style, explode));
  }
  return parts.join('&');
}

const encode = encodeURIComponent;
const delimiters: Record<string, string> = { form: ',', spaceDelimited: '%20', pipeDelimited: '|' };

function serializeParameter(name: string, value: unknown, style: string, explode: boolean): string[] {
  if (Array.isArray(value)) {
    if (explode) return value.map((item) => `${encode(name)}=${encode(String(item))}`);
    return [`${encode(name)}=${value.map((item) => encode(String(item))).join(delimiters[style] ?? ',')}`];
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (style === 'deepObject')
      return entries.map(([key, item]) => `${encode(name)}[${encode(key)}]=${encode(String(item))}`);
    if (explode) return entries.map(([key, item]) => `${encode(key)}=${encode(String(item))}`);
    return [`${encode(name)}=${entries.flatMap(([key, item]) => [encode(key), encode(String(item))]).join(',')}`];
  }
  return [`${encode(name)}=${encode(String(value))}`];
}
