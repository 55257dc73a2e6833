/**
 * The retry rules of SPEC.md, "Requests": which failures are retried, how long to wait.
 *
 * @module
 */

/** Statuses worth another attempt. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** Methods safe to send twice. */
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);

/** Most retries after the first attempt. */
export const MAX_RETRIES = 3;
/** Longest wait honoured from a `Retry-After` header. */
export const RETRY_AFTER_CAP_MS = 60_000;
/** First backoff delay; doubles each retry. */
export const BACKOFF_BASE_MS = 500;
/** Longest backoff delay. */
export const BACKOFF_CAP_MS = 8_000;

/** True when a request with this method may be sent again. */
export function isIdempotent(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/** How a fetch failed before any response came. */
export type FetchFailure = "refused" | "dns" | "other";

/**
 * Classifies a fetch failure. `fetch` tells a refused connection or a failed DNS lookup
 * (nothing reached the server) from other failures only by message text, so that test lives
 * here, in one place.
 */
export function classifyFetchFailure(error: unknown): FetchFailure {
  const text = describeCause(error);
  if (/connection refused|ECONNREFUSED|os error 111/i.test(text)) return "refused";
  if (
    /dns error|failed to lookup|name or service not known|nodename nor servname|no such host|getaddrinfo/i
      .test(text)
  ) return "dns";
  return "other";
}

/** True when nothing reached the server, so even a POST may be sent again. */
export function isConnectFailure(error: unknown): boolean {
  return classifyFetchFailure(error) !== "other";
}

function describeCause(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (current instanceof Error) {
      parts.push(current.message);
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join(" ");
}

/**
 * Exponential backoff with jitter: half the delay fixed, half random, so clients that failed
 * together do not retry together.
 *
 * @param retry 0 for the first retry
 * @param random a number in [0, 1)
 */
export function backoffDelay(
  retry: number,
  random: number,
  baseMs: number = BACKOFF_BASE_MS,
  capMs: number = BACKOFF_CAP_MS,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** retry);
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/**
 * Parses a `Retry-After` header (delay seconds or an HTTP date) into milliseconds, capped.
 * Returns undefined when absent or unreadable.
 */
export function parseRetryAfter(
  header: string | null,
  nowMs: number,
  capMs: number = RETRY_AFTER_CAP_MS,
): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (value === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.min(capMs, Math.round(Number(value) * 1000));
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.min(capMs, Math.max(0, date - nowMs));
}
