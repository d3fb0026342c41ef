/**
 * What an image field (`init_image`, `mask_image`, `image`) accepts: a `Blob` or `File`, or bytes
 * (`Uint8Array`, Node's `Buffer`, `ArrayBuffer`). In Node, `fileFromPath()` from `stability-rest/node`
 * turns a path into a `Blob` without reading the file into memory.
 */
export type Upload = Blob | ArrayBuffer | ArrayBufferView;

/**
 * The key of the method a `File` from `fileFromPath()` carries (a non-enumerable own property): it opens the
 * file for reading byte ranges. A registered symbol, because `stability-rest/node` is bundled apart from the
 * main entry and shares no module with it.
 */
export const openRanges = Symbol.for('stability-rest.openRanges');

/** The file behind a `fileFromPath()` File, open: each read is fresh memory the caller owns. */
export interface FileRanges {
  /** Exactly `length` bytes from `position`, or an error if the file is no longer what it was. */
  read(position: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** A Blob that may carry {@link openRanges}. */
type RangedBlob = Blob & { [openRanges]?: () => Promise<FileRanges> };

/** How to open the file behind `blob` for range reads, if it came from `fileFromPath()`. */
export function rangesOf(blob: Blob): (() => Promise<FileRanges>) | undefined {
  const open = (blob as RangedBlob)[openRanges];
  return typeof open === 'function' ? open : undefined;
}

/** Whether `value` is something the client can send as a file part. */
export function isUpload(value: unknown): value is Upload {
  return value instanceof Blob || value instanceof ArrayBuffer || ArrayBuffer.isView(value);
}

/**
 * An upload made ready to send, once per call: its bytes (the user's own Blob, or a view on the user's own
 * memory, never copied here), content type and filename. Every attempt of the call sends this same part.
 */
export class FilePart {
  private blobCopy: Blob | undefined;

  constructor(
    /** The bytes: a `Blob`/`File` as given, or a view on the given memory. */
    readonly source: Blob | Uint8Array,
    /** The content type the part is sent with. */
    readonly type: string,
    /** The filename the part is sent with. */
    readonly filename: string,
  ) {}

  /** How many bytes the part holds. */
  get size(): number {
    return this.source instanceof Blob ? this.source.size : this.source.byteLength;
  }

  /**
   * The part as a `Blob` of its type, for a `FormData` or a binary body. In-memory bytes are copied into
   * it once, on first use, and the copy serves every attempt of the call.
   */
  get blob(): Blob {
    if (this.source instanceof Blob && this.source.type === this.type) return this.source;
    this.blobCopy ??= new Blob([this.source as Uint8Array<ArrayBuffer>], { type: this.type });
    return this.blobCopy;
  }
}

/**
 * The body with each upload (the body itself, or a field's value, or an item of an array field) replaced by
 * its {@link FilePart}. `body` must be the call's own copy: it is changed in place.
 */
export function prepareUploads(body: unknown, field = 'body'): unknown {
  if (isUpload(body)) return toFilePart(body, field);
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
 * The file part of an upload. A `File` keeps its own name and type; a `Blob` keeps its type; bytes are
 * typed from their signature (PNG, JPEG, WebP). Nothing is copied.
 */
export function toFilePart(upload: Upload, field: string): FilePart {
  if (upload instanceof Blob) {
    const type = upload.type || defaultImageType;
    const named = typeof File !== 'undefined' && upload instanceof File && upload.name ? upload.name : undefined;
    return new FilePart(upload, type, named ?? `${field}.${extensionOf(type)}`);
  }
  const bytes = upload instanceof ArrayBuffer ? new Uint8Array(upload) : viewBytes(upload);
  const type = sniffImageType(bytes);
  return new FilePart(bytes, type, `${field}.${extensionOf(type)}`);
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
