/**
 * What a response means, for the request pipeline (http.ts): its body read under the size cap,
 * a 2xx body parsed, the error of a 3xx or any other status with the best message its body
 * offers, and the words retry notices use for a status or a network failure.
 *
 * @module
 */

import { kindForStatus, RestreamError } from "../errors.ts";
import { describeErrorBody } from "./error_body.ts";
import { maskSecrets, maskUrl } from "./mask.ts";
import { classifyFetchFailure } from "./retry.ts";

/**
 * The body as text, decoded as UTF-8; undefined (the rest cancelled) once more than `limit`
 * bytes came. Bytes are counted after fetch's decompression, so a small compressed body
 * cannot expand past the cap either. Also reads the error answers of download links
 * (download.ts), which are not the API's but must not fill memory either.
 */
export async function readCapped(response: Response, limit: number): Promise<string | undefined> {
  if (response.body === null) return "";
  const bytes = await readCappedBytes(response.body, limit);
  return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
}

/**
 * A stream's bytes, counted as they come (whatever a `Content-Length` says); undefined (the
 * rest cancelled) once more than `limit` came. The mock reads request bodies with it too.
 */
export async function readCappedBytes(
  body: ReadableStream<Uint8Array>,
  limit: number,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => {});
        return undefined;
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** A 3xx: never followed; the error names the origin it pointed to, resolved like a browser. */
export function redirectError(response: Response, method: string, url: URL): RestreamError {
  const location = response.headers.get("location");
  let where = "(no Location)";
  if (location !== null && location.trim() !== "") {
    const target = URL.canParse(location, url) ? new URL(location, url) : undefined;
    where = target === undefined
      ? "(unreadable Location)"
      : `to ${target.origin === "null" ? target.protocol : target.origin}`;
  }
  return new RestreamError(
    "invalid_response",
    `unexpected redirect ${where} (HTTP ${response.status} from ${method} ${url.pathname})`,
    { status: response.status },
  );
}

/** A 2xx body parsed as JSON (`null` when empty); not JSON is an `invalid_response`. */
export function parseBody(text: string, url: URL): unknown {
  if (text.trim() === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new RestreamError(
      "invalid_response",
      `unexpected response from ${url.pathname}: the body is not JSON`,
    );
  }
}

/** Builds the error for a non-2xx response from the best message its body offers. */
export function errorFromResponse(
  response: Response,
  text: string,
  method: string,
  url: URL,
): RestreamError {
  const detail = describeErrorBody(text);
  const statusText = response.statusText || defaultStatusText(response.status);
  // A body may echo what was sent (a refresh token, the client secret): error_body.ts masks
  // its message before cutting it; the status line is masked here, so a library user who
  // logs the error does not print either.
  const what = detail.message ?? maskSecrets(statusText);
  const message = `${what} (HTTP ${response.status} from ${method} ${url.pathname})`;
  return new RestreamError(kindForStatus(response.status), message, {
    status: response.status,
    code: detail.code,
    apiMessage: detail.message,
  });
}

/** `HTTP 429 (too many requests)`, or `HTTP 599` when there is no phrase to add. */
export function retryReason(status: number): string {
  const text = defaultStatusText(status);
  return text === `HTTP ${status}` ? text : `HTTP ${status} (${text})`;
}

function defaultStatusText(status: number): string {
  const known: Record<number, string> = {
    400: "bad request",
    401: "not authorised",
    403: "forbidden",
    404: "not found",
    408: "request timeout",
    409: "conflict",
    429: "too many requests",
    500: "server error",
    502: "bad gateway",
    503: "service unavailable",
    504: "gateway timeout",
  };
  return known[status] ?? `HTTP ${status}`;
}

/** The words for a fetch failure: "connection refused", "host not found", or Deno's last words. */
export function networkReason(error: unknown): string {
  const failure = classifyFetchFailure(error);
  if (failure === "refused") return "connection refused";
  if (failure === "dns") return "host not found";
  const message = error instanceof Error ? error.message : String(error);
  // Deno's messages name the URL and nest causes; keep the last, most specific part.
  const last = message.split(/:\s+/).pop() ?? message;
  return maskUrl(last.replace(/\s*\(os error \d+\)/, "").trim() || "network error");
}
