import { FilePart, isUpload, toFilePart } from './uploads.js';

/**
 * Builds the multipart form of a request body the way the API reads it: `text_prompts[0][text]`,
 * `text_prompts[0][weight]` (bracketed names for nested arrays and objects), numbers in decimal,
 * uploads as file parts with a filename and content type. Fields left `undefined` are not sent.
 */
export function toFormData(body: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) appendField(form, name, value);
  return form;
}

/**
 * The `application/x-www-form-urlencoded` form of a body, with the same bracketed names and decimal numbers
 * as multipart. A file cannot travel in it: validation refuses uploads for such bodies before this runs.
 */
export function toUrlEncoded(body: Record<string, unknown>): URLSearchParams {
  const form = toFormData(body);
  const params = new URLSearchParams();
  for (const [name, value] of form.entries()) if (typeof value === 'string') params.append(name, value);
  return params;
}

function appendField(form: FormData, name: string, value: unknown): void {
  if (value === undefined) return;
  if (value instanceof FilePart) {
    form.append(name, value.blob, value.filename);
  } else if (isUpload(value)) {
    const { blob, filename } = toFilePart(value, name);
    form.append(name, blob, filename);
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) appendField(form, `${name}[${index}]`, item);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) appendField(form, `${name}[${key}]`, item);
  } else {
    form.append(name, typeof value === 'number' ? decimal(value) : String(value));
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
