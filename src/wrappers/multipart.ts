import { FilePart, isUpload, toFilePart } from './uploads.js';

/** One field of a form as it travels: its bracketed name and its text or file. */
export type FormEntry = [name: string, value: string | FilePart];

/**
 * The fields of a request body the way the API reads a form: `text_prompts[0][text]`,
 * `text_prompts[0][weight]` (bracketed names for nested arrays and objects), numbers in decimal,
 * uploads as file parts with a filename and content type. Fields left `undefined` are not sent.
 */
export function formEntries(body: Record<string, unknown>): FormEntry[] {
  const entries: FormEntry[] = [];
  for (const name of Object.keys(body)) addEntries(entries, name, body[name]);
  return entries;
}

/** The multipart form of a body, as a `FormData` (fetch writes its boundary). */
export function toFormData(body: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [name, value] of formEntries(body)) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, value.blob, value.filename);
  }
  return form;
}

/**
 * The `application/x-www-form-urlencoded` form of a body, with the same bracketed names and decimal numbers
 * as multipart. A file cannot travel in it: validation refuses uploads for such bodies before this runs.
 */
export function toUrlEncoded(body: Record<string, unknown>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of formEntries(body)) if (typeof value === 'string') params.append(name, value);
  return params;
}

function addEntries(entries: FormEntry[], name: string, value: unknown): void {
  if (value === undefined) return;
  if (value instanceof FilePart) {
    entries.push([name, value]);
  } else if (isUpload(value)) {
    entries.push([name, toFilePart(value, name)]);
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) addEntries(entries, `${name}[${index}]`, item);
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value))
      addEntries(entries, `${name}[${key}]`, (value as Record<string, unknown>)[key]);
  } else {
    entries.push([name, typeof value === 'number' ? decimal(value) : String(value)]);
  }
}

/** A number in plain decimal notation: `0.0000001`, never `1e-7`, which form parsers may refuse. */
export function decimal(value: number): string {
  if (Object.is(value, -0)) return '-0'; // String(-0) is '0': keep what the user gave
  const text = String(value);
  const [mantissa = '', exponentText] = text.split('e');
  if (exponentText === undefined) return text;
  const sign = mantissa.startsWith('-') ? '-' : '';
  const [whole = '', fraction = ''] = mantissa.replace('-', '').split('.');
  const digits = whole + fraction;
  // Where the decimal point lands once the exponent is applied, counted in digits from the left.
  const point = whole.length + Number(exponentText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
