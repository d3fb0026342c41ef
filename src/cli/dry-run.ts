/** Thrown by the capturing fetch so that the client stops right after building the request. */
class NotSent extends Error {
  override name = 'NotSent' as const;
}

/** A `fetch` for the client that records the request it is given and sends nothing. */
export interface CapturingFetch {
  fetch: (request: Request) => Promise<Response>;
  /** The request the client built, once it got that far (validation passed). */
  captured(): Request | undefined;
}

/** Creates a {@link CapturingFetch}. */
export function capturingFetch(): CapturingFetch {
  let captured: Request | undefined;
  return {
    fetch: async (request) => {
      captured = request;
      throw new NotSent('dry run: not sent');
    },
    captured: () => captured,
  };
}

/** A request as `--dry-run` shows it: the key redacted, body fields and file parts listed. */
export interface DescribedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  parts?: Array<{ name: string; value: string } | { name: string; file: string; type: string; bytes: number }>;
}

/** Reads a captured request back: headers (Authorization redacted) and its JSON body or multipart parts. */
export async function describeRequest(request: Request): Promise<DescribedRequest> {
  const headers: Record<string, string> = {};
  for (const [name, value] of request.headers) {
    headers[name] = name === 'authorization' ? value.replace(/ .*/, ' [redacted]') : value;
  }
  const described: DescribedRequest = { method: request.method, url: request.url, headers };
  const type = request.headers.get('content-type') ?? '';
  if (!request.body) return described;
  if (type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded')) {
    described.parts = [...(await request.formData())].map(([name, value]) =>
      typeof value === 'string' ? { name, value } : { name, file: value.name, type: value.type, bytes: value.size },
    );
    return described;
  }
  const text = await request.text();
  try {
    described.body = JSON.parse(text);
  } catch {
    described.body = text;
  }
  return described;
}

/** The described request as text: the request line, headers, then the body or one line per part. */
export function formatRequest(request: DescribedRequest): string {
  const lines = [`${request.method} ${request.url}`, ...Object.entries(request.headers).map(([n, v]) => `${n}: ${v}`)];
  if (request.parts) {
    lines.push(
      '',
      ...request.parts.map((part) =>
        'file' in part
          ? `${part.name}: file ${part.file} (${part.type || 'no type'}, ${part.bytes} bytes)`
          : `${part.name}: ${part.value}`,
      ),
    );
  } else if (request.body !== undefined) {
    lines.push('', typeof request.body === 'string' ? request.body : JSON.stringify(request.body, null, 2));
  }
  return lines.join('\n');
}
