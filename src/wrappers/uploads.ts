/**
 * What an image field (`init_image`, `mask_image`, `image`) accepts: a `Blob` or `File`, or bytes
 * (`Uint8Array`, Node's `Buffer`, `ArrayBuffer`). In Node, `fileFromPath()` from `stability-rest/node`
 * turns a path into a `Blob` without reading the file into memory.
 */
export type Upload = Blob | ArrayBuffer | ArrayBufferView;

/** Whether `value` is something the client can send as a file part. */
export function isUpload(value: unknown): value is Upload {
  return value instanceof Blob || value instanceof ArrayBuffer || ArrayBuffer.isView(value);
}

/**
 * An upload made ready to send, once per call: its `Blob` and the filename of its file part. Every attempt
 * of the call sends this same Blob, so retries never copy the bytes again.
 */
export class FilePart {
  constructor(
    readonly blob: Blob,
    readonly filename: string,
  ) {}
}

/**
 * The body with each upload (the body itself, or a field's value, or an item of an array field) replaced by
 * its {@link FilePart}. `body` must be the call's own copy: it is changed in place.
 */
export function prepareUploads(body: unknown, field = 'body'): unknown {
  if (isUpload(body)) {
    const { blob, filename } = toFilePart(body, field);
    return new FilePart(blob, filename);
  }
  if (Array.isArray(body)) {
    for (const [index, item] of body.entries()) body[index] = prepareUploads(item, field);
  } else if (body !== null && typeof body === 'object' && !(body instanceof FilePart)) {
    const fields = body as Record<string, unknown>;
    for (const key of Object.keys(fields)) fields[key] = prepareUploads(fields[key], key);
  }
  return body;
}

/** PNG is what the API returns and the safe default when bytes carry no type of their own. */
const defaultImageType = 'image/png';

/**
 * The upload as a `Blob` with a content type, and the filename its file part gets. A `File` keeps its
 * own name and type; a `Blob` keeps its type; bytes are typed from their signature (PNG, JPEG, WebP).
 */
export function toFilePart(upload: Upload, field: string): { blob: Blob; filename: string } {
  if (upload instanceof Blob) {
    const blob = upload.type ? upload : new Blob([upload], { type: defaultImageType });
    const named = typeof File !== 'undefined' && upload instanceof File && upload.name ? upload.name : undefined;
    return { blob, filename: named ?? `${field}.${extensionOf(blob.type)}` };
  }
  const bytes = upload instanceof ArrayBuffer ? new Uint8Array(upload) : viewBytes(upload);
  const type = sniffImageType(bytes);
  return { blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), filename: `${field}.${extensionOf(type)}` };
}

function viewBytes(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

/** The image type a byte signature announces, else PNG. */
export function sniffImageType(bytes: Uint8Array): string {
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP') return 'image/webp';
  return defaultImageType;
}

function extensionOf(type: string): string {
  const subtype = type.split('/')[1]?.split(';')[0]?.trim();
  return subtype === 'jpeg' ? 'jpg' : subtype || 'png';
}
