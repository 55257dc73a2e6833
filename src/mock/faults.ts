/**
 * Fault injection: queued failures per route, latency, WebSocket drops and heartbeats.
 * Set at start (command flags) or at run time (MockControl, `/__mock/` HTTP).
 *
 * @module
 */

import { CORS_HEADERS, empty, envelope, html, json } from "./respond.ts";
import type { MockFault, MockFaultBody } from "./types.ts";

const BODIES: readonly MockFaultBody[] = ["envelope", "html", "empty", "json-message", "endless"];

const STATUS_NAMES: Readonly<Record<number, [string, string]>> = {
  400: ["Bad Request", "bad_request"],
  401: ["Invalid token: access token is invalid", "invalid_token"],
  403: ["Insufficient scope: authorized scope is insufficient", "insufficient_scope"],
  404: ["Not Found", "not_found"],
  408: ["Request Timeout", "request_timeout"],
  409: ["Conflict", "conflict"],
  429: ["Too Many Requests", "too_many_requests"],
  500: ["Internal Server Error", "server_error"],
  502: ["Bad Gateway", "bad_gateway"],
  503: ["Service Unavailable", "service_unavailable"],
  504: ["Gateway Timeout", "gateway_timeout"],
};

interface QueuedFault {
  method: string;
  segments: string[];
  remaining: number;
  fault: MockFault;
}

/** Splits `"GET /v2/user/profile"` into a method and path segments; throws when malformed. */
function parseRoute(route: string): { method: string; segments: string[] } {
  const match = /^\s*([A-Za-z*]+)\s+(\/\S*)\s*$/.exec(route);
  if (!match) throw new Error(`invalid route '${route}': expected "METHOD /path"`);
  return { method: match[1].toUpperCase(), segments: match[2].split("/") };
}

function segmentMatches(pattern: string, actual: string): boolean {
  return pattern === "*" || /^\{[^}]*\}$/.test(pattern) || pattern === actual;
}

/** Checks a fault's values; throws a readable error when one is wrong. */
export function validateFault(fault: MockFault): void {
  const { status, count = 1, body = "envelope" } = fault;
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    throw new Error(`invalid status '${status}': expected 200 to 599`);
  }
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(`invalid count '${count}': expected a positive integer`);
  }
  if (!BODIES.includes(body)) {
    throw new Error(`invalid body '${body}': expected one of ${BODIES.join(", ")}`);
  }
}

/** The fault settings of one server. */
export class Faults {
  /** Added to every request, in ms. */
  latencyMs = 0;
  /** Close each WebSocket after this many messages; null: never. */
  dropAfter: number | null = null;
  /** Chat heartbeats on. */
  heartbeats = true;
  #queue: QueuedFault[] = [];

  /** Queues a failure for the next `count` requests matching `route`. */
  failNext(route: string, fault: MockFault): void {
    validateFault(fault);
    const { method, segments } = parseRoute(route);
    this.#queue.push({
      method,
      segments,
      remaining: fault.count ?? 1,
      fault: { ...fault },
    });
  }

  /** Takes one queued failure for a request, if any matches. */
  take(method: string, path: string): Response | null {
    const actual = path.split("/");
    const index = this.#queue.findIndex((q) =>
      (q.method === "*" || q.method === method) &&
      q.segments.length === actual.length &&
      q.segments.every((s, i) => segmentMatches(s, actual[i]))
    );
    if (index < 0) return null;
    const queued = this.#queue[index];
    if (--queued.remaining === 0) this.#queue.splice(index, 1);
    return faultResponse(queued.fault);
  }

  /** Back to no faults. */
  reset(): void {
    this.latencyMs = 0;
    this.dropAfter = null;
    this.heartbeats = true;
    this.#queue = [];
  }
}

/** The response of a fault, in the chosen body shape. */
function faultResponse(fault: MockFault): Response {
  const { status, body = "envelope", retryAfter, location } = fault;
  const [message, name] = STATUS_NAMES[status] ?? [`HTTP ${status}`, `http_${status}`];
  let response: Response;
  if (fault.json !== undefined) {
    response = json(status, fault.json);
  } else if (body === "endless") {
    response = new Response(endlessArray(), {
      status,
      headers: { ...CORS_HEADERS, "content-type": "application/json; charset=utf-8" },
    });
  } else if (body === "html") {
    response = html(
      status,
      `<html>\r\n<head><title>${status} ${message}</title></head>\r\n<body>\r\n<center><h1>${status} ${message}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
    );
  } else if (body === "empty") {
    response = empty(status);
  } else if (body === "json-message") {
    response = json(status, { message });
  } else {
    response = envelope(status, message, name);
  }
  if (retryAfter !== undefined) response.headers.set("retry-after", retryAfter);
  if (location !== undefined) response.headers.set("location", location);
  return response;
}

/** `[{"n":0},{"n":1},…` in 64 KiB chunks, for as long as the client reads. */
function endlessArray(): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let n = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      let text = n === 0 ? "[" : "";
      while (text.length < 65_536) text += `${n++ === 0 ? "" : ","}{"n":${n}}`;
      controller.enqueue(encoder.encode(text));
    },
  });
}

/**
 * Parses a `--fail` flag: `ROUTE=STATUS[xCOUNT][,retry-after=S][,body=SHAPE][,location=URL]`,
 * e.g. `"GET /v2/user/profile=503x2"`, `"POST /oauth/token=429,retry-after=2,body=html"` or
 * `"PATCH /v2/user/channel/{id}=307,location=http://127.0.0.1:9/x"`.
 */
export function parseFaultFlag(text: string): { route: string; fault: MockFault } {
  const equals = text.indexOf("=");
  if (equals < 0) throw new Error(`invalid --fail '${text}': expected ROUTE=STATUS[xCOUNT]`);
  const route = text.slice(0, equals).trim();
  const [head, ...options] = text.slice(equals + 1).split(",");
  const match = /^\s*(\d{3})(?:x(\d+))?\s*$/.exec(head);
  if (!match) throw new Error(`invalid --fail '${text}': expected STATUS[xCOUNT] after '='`);
  const fault: MockFault = { status: Number(match[1]), count: match[2] ? Number(match[2]) : 1 };
  for (const option of options) {
    const at = option.includes("=") ? option.indexOf("=") : option.length;
    const [name, value] = [option.slice(0, at).trim(), option.slice(at + 1).trim()];
    if (name === "retry-after") fault.retryAfter = value;
    else if (name === "location") fault.location = value;
    else if (name === "body") fault.body = value as MockFaultBody;
    else throw new Error(`invalid --fail '${text}': unknown option '${name}'`);
  }
  parseRoute(route);
  validateFault(fault);
  return { route, fault };
}
