import { isUpload, toFilePart } from './uploads.js';

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

function appendField(form: FormData, name: string, value: unknown): void {
  if (value === undefined) return;
  if (isUpload(value)) {
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
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 100 });
}
