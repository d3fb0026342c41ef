/** What every contender offers the workloads: the same calls, results in one shape so they can be checked alike. */

/** Where the server is and the key to send. */
export interface ClientConfig {
  baseUrl: string;
  apiKey: string;
}

/** The images of a generation, decoded, with their seeds and finish reasons. */
export interface Generated {
  images: Uint8Array[];
  seeds: number[];
  finishReasons: string[];
}

/** An upload's result: the generation it answered, and the response headers (the server's echo in verify mode). */
export interface Uploaded extends Generated {
  headers: Headers;
}

/** One contender's client, made once per worker process. */
export interface BenchClient {
  /** `GET /v1/engines/list`: the engines, parsed. */
  listEngines(): Promise<Array<{ id: string }>>;
  /** A JSON text-to-image generation of `samples` images, base64 decoded. */
  generateJson(engineId: string, samples: number): Promise<Generated>;
  /** A text-to-image generation with `Accept: image/png`. */
  generatePng(engineId: string): Promise<Generated>;
  /** An image-to-image generation uploading `bytes` as `init_image`. */
  uploadBytes(bytes: Uint8Array, verify: boolean): Promise<Uploaded>;
  /** An image-to-image generation uploading the file at `path` as `init_image`. */
  uploadFile(path: string, verify: boolean): Promise<Uploaded>;
}

/** What a contender module exports. */
export interface ContenderModule {
  create(config: ClientConfig): BenchClient;
}
