/**
 * Streams a short-lived download link (storage files, clips, recordings, chat exports) to a
 * file in constant memory, never leaving a partial file under the final name.
 *
 * The links carry their own signature, so no Authorization header is sent: the token never
 * leaves for a storage host. The file is written under a temporary name in the same
 * directory (`.<name>.part-<random>`) and renamed when complete; on any failure or abort the
 * temporary file is removed.
 *
 * @module
 */

import { basename, dirname, join } from "./path.ts";
import { RestreamError } from "./errors.ts";
import type { FetchLike } from "./http/http.ts";
import { errorFromResponse, readCapped } from "./http/response.ts";
import { classifyFetchFailure } from "./http/retry.ts";
import { fitFileName } from "./file_names.ts";

export { type FileNameOptions, safeName, suggestedFileName } from "./file_names.ts";

/** Options of {@link downloadToFile}. */
export interface DownloadOptions {
  /** The fetch to use; the global one by default. */
  fetch?: FetchLike;
  /** Replace an existing file. Without it an existing file is an error (kind `usage`). */
  force?: boolean;
  /** Called as bytes arrive; `total` when the server sent a length. */
  onProgress?: (received: number, total?: number) => void;
  /** Cancels the download; the temporary file is removed. */
  signal?: AbortSignal;
  /** Milliseconds without a byte (or without response headers) before giving up; 30 000. */
  idleTimeoutMs?: number;
  /** Receives one log line per request and response; the link's query is never shown. */
  log?: (line: string) => void;
}

/** Where a download went. */
export interface DownloadResult {
  /** The file written. */
  path: string;
  /** Bytes written. */
  bytes: number;
}

/**
 * Where to write: a path, or a function that picks one once the response headers are known
 * (to use the server's file name; see {@link suggestedFileName}).
 */
export type DownloadTarget = string | ((response: Response, url: URL) => string);

const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
/** Most bytes of a download link's error answer read (its message is shown, bounded anyway). */
const ERROR_BODY_BYTES = 64 * 1024;

/**
 * Downloads a URL to a file.
 *
 * @example
 * ```ts
 * import { downloadToFile } from "jsr:@restream/cli";
 * const { bytes } = await downloadToFile("https://example.com/video.mp4", "video.mp4");
 * ```
 */
export async function downloadToFile(
  url: string,
  target: DownloadTarget,
  options: DownloadOptions = {},
): Promise<DownloadResult> {
  const parsed = parseDownloadUrl(url);
  if (typeof target === "string") await refuseExisting(target, options.force);
  return await fetchDownload(parsed, options, async (response, pump) => {
    let path: string;
    try {
      path = typeof target === "string" ? target : target(response, parsed);
      if (typeof target !== "string") await refuseExisting(path, options.force);
    } catch (error) {
      await response.body?.cancel().catch(() => {});
      throw error;
    }
    const bytes = await writeAtomically(path, response, pump, options.force);
    return { path, bytes };
  });
}

/**
 * Downloads a URL into `write` as the bytes arrive (standard output, a socket, a hash), in
 * constant memory. Nothing touches the disk; after a failure part-way, what was written
 * stays written.
 *
 * @example
 * ```ts
 * import { downloadToWriter } from "jsr:@restream/cli";
 * const { bytes } = await downloadToWriter(
 *   "https://example.com/chat.csv",
 *   (chunk) => void Deno.stdout.writeSync(chunk),
 * );
 * ```
 */
export async function downloadToWriter(
  url: string,
  write: (chunk: Uint8Array) => void | Promise<void>,
  options: Omit<DownloadOptions, "force"> = {},
): Promise<{ bytes: number }> {
  return await fetchDownload(parseDownloadUrl(url), options, async (_response, pump) => ({
    bytes: await pump(write),
  }));
}

/** Streams the body into `write`; returns the byte count. */
type Pump = (write: (chunk: Uint8Array) => void | Promise<void>) => Promise<number>;

/**
 * The request part every download shares: no Authorization header, an idle timeout, the
 * error mapping. `consume` gets the response and a pump that reads its body with progress.
 */
async function fetchDownload<T>(
  parsed: URL,
  options: DownloadOptions,
  consume: (response: Response, pump: Pump) => Promise<T>,
): Promise<T> {
  const fetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const idle = new AbortController();
  let timer = setTimeout(() => idle.abort(), idleMs);
  const resetIdle = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => idle.abort(), idleMs);
  };
  const signal = options.signal ? AbortSignal.any([options.signal, idle.signal]) : idle.signal;
  const shown = describeUrl(parsed);
  const fail = (error: unknown, received: number): RestreamError =>
    failure(error, { options, idle, idleMs, shown, received });

  try {
    options.log?.(`→ GET ${shown}`);
    let response: Response;
    try {
      response = await fetch(new Request(parsed, { headers: { Accept: "*/*" }, signal }));
    } catch (error) {
      throw fail(error, 0);
    }
    options.log?.(`← ${response.status} GET ${shown}`);
    if (!response.ok) {
      // Only the start of an error answer is ever shown: a body that never ends is cut off.
      const text = await readCapped(response, ERROR_BODY_BYTES).catch(() => "") ?? "";
      throw errorFromResponse(response, text, "GET", new URL(shown));
    }
    const total = contentLength(response);
    const onChunk = (received: number): void => {
      resetIdle();
      options.onProgress?.(received, total);
    };
    return await consume(response, (write) => pumpBody(response, write, { total, onChunk, fail }));
  } finally {
    clearTimeout(timer);
  }
}

interface PumpOptions {
  total?: number;
  onChunk: (received: number) => void;
  fail: (error: unknown, received: number) => RestreamError;
}

/** Reads the body chunk by chunk into `write`; a short body is an error. */
async function pumpBody(
  response: Response,
  write: (chunk: Uint8Array) => void | Promise<void>,
  options: PumpOptions,
): Promise<number> {
  let received = 0;
  const reader = response.body?.getReader();
  try {
    if (reader) {
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          throw options.fail(error, received);
        }
        if (chunk.done) break;
        await write(chunk.value);
        received += chunk.value.byteLength;
        options.onChunk(received);
      }
    }
    if (options.total !== undefined && received !== options.total) {
      throw new RestreamError(
        "network",
        `download incomplete: got ${received} of ${options.total} bytes`,
      );
    }
    return received;
  } catch (error) {
    await reader?.cancel().catch(() => {});
    throw error;
  }
}

/** Streams the body to a temporary file beside `path`, then renames it into place. */
async function writeAtomically(
  path: string,
  response: Response,
  pump: Pump,
  force: boolean | undefined,
): Promise<number> {
  // The suffix must not push a name near the 255-byte limit over it.
  const suffix = `.part-${randomSuffix()}`;
  const temp = join(dirname(path), `.${fitFileName(basename(path), 254 - suffix.length)}${suffix}`);
  let file: Deno.FsFile;
  try {
    file = await Deno.open(temp, { write: true, createNew: true });
  } catch (error) {
    await response.body?.cancel().catch(() => {});
    throw new RestreamError("usage", `cannot write ${path}: ${fileReason(error)}`, {
      cause: error,
    });
  }
  let open = true;
  try {
    const received = await pump((chunk) => writeAll(file, chunk, path));
    await file.syncData();
    file.close();
    open = false;
    // Checked again: the file may have appeared while we were downloading.
    await refuseExisting(path, force);
    await Deno.rename(temp, path);
    return received;
  } catch (error) {
    if (open) file.close();
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
}

async function writeAll(file: Deno.FsFile, bytes: Uint8Array, path: string): Promise<void> {
  let rest = bytes;
  try {
    while (rest.byteLength > 0) rest = rest.subarray(await file.write(rest));
  } catch (error) {
    throw new RestreamError("server", `cannot write ${path}: ${fileReason(error)}`, {
      cause: error,
    });
  }
}

/** Throws a usage error when `path` exists and `force` is not set. */
async function refuseExisting(path: string, force: boolean | undefined): Promise<void> {
  if (force) return;
  try {
    await Deno.lstat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw error;
  }
  throw new RestreamError("usage", `${path} already exists (use --force to overwrite it)`, {
    code: "file_exists",
  });
}

interface FailureContext {
  options: DownloadOptions;
  idle: AbortController;
  idleMs: number;
  shown: string;
  received: number;
}

/** The error for a failed request or a body that stopped arriving. */
function failure(error: unknown, context: FailureContext): RestreamError {
  if (error instanceof RestreamError) return error;
  if (context.options.signal?.aborted) {
    return new RestreamError("interrupted", "download cancelled", { cause: error });
  }
  const after = context.received > 0 ? ` after ${context.received} bytes` : "";
  if (context.idle.signal.aborted) {
    const seconds = Math.round(context.idleMs / 1000);
    return new RestreamError(
      "timeout",
      `download from ${new URL(context.shown).host} stalled${after}: nothing for ${seconds} s`,
    );
  }
  const kind = classifyFetchFailure(error);
  const reason = kind === "refused"
    ? "connection refused"
    : kind === "dns"
    ? "host not found"
    : "connection lost";
  return new RestreamError(
    "network",
    `download from ${new URL(context.shown).host} failed${after}: ${reason}`,
    { cause: error },
  );
}

/** A download link must be http(s); anything else is a malformed response. */
function parseDownloadUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RestreamError("invalid_response", "the download link is not a URL");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new RestreamError("invalid_response", `the download link is not http(s)`);
  }
  return parsed;
}

/** The link without its query: the signature in it is as good as a password. */
function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

function contentLength(response: Response): number | undefined {
  const header = response.headers.get("content-length");
  if (header === null || !/^\d+$/.test(header.trim())) return undefined;
  // A compressed body arrives decoded, so its length would not match.
  if (response.headers.has("content-encoding")) return undefined;
  return Number(header);
}

function randomSuffix(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function fileReason(error: unknown): string {
  if (error instanceof Deno.errors.NotFound) return "no such directory";
  if (error instanceof Deno.errors.PermissionDenied || error instanceof Deno.errors.NotCapable) {
    return "permission denied";
  }
  if (error instanceof Deno.errors.AlreadyExists) return "already exists";
  if (error instanceof Deno.errors.IsADirectory) return "is a directory";
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0];
}
