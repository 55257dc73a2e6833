/**
 * Run-time control of a mock server: the {@link MockControl} object, and the same
 * operations as JSON over HTTP under `/__mock/` (no token needed). Since anyone who reaches
 * it can issue tokens and inject faults, web pages must not: its answers carry no CORS
 * header, and a request whose `Origin` is not the mock's own is refused (403), which also
 * stops the "simple" cross-origin POSTs a browser sends without asking first.
 *
 * @module
 */

import { maskSecrets } from "../http/mask.ts";
import { createSeed } from "./seed.ts";
import type { SocketHub } from "./sockets.ts";
import { type MockState, zeroCounters } from "./state.ts";
import { APP_SCOPES } from "./tokens.ts";
import type { MockControl, MockFault, MockRequestLogEntry } from "./types.ts";

/** Builds the control object of a server. */
export function createControl(state: MockState, sockets: SocketHub): MockControl {
  return {
    failNext(route: string, fault: MockFault): void {
      state.faults.failNext(route, fault);
    },
    setLatency(ms: number): void {
      if (!Number.isFinite(ms) || ms < 0) {
        throw new Error(`invalid latency '${ms}': expected ms >= 0`);
      }
      state.faults.latencyMs = ms;
    },
    dropSocketsAfter(messages: number | null): void {
      if (messages !== null && (!Number.isInteger(messages) || messages < 1)) {
        throw new Error(`invalid message count '${messages}': expected a positive integer or null`);
      }
      state.faults.dropAfter = messages;
    },
    sendMalformed(socket: "chat" | "streaming"): void {
      if (socket !== "chat" && socket !== "streaming") {
        throw new Error(`invalid socket '${socket}': expected chat or streaming`);
      }
      sockets.sendMalformed(socket);
    },
    setHeartbeats(on: boolean): void {
      state.faults.heartbeats = on;
    },
    revokeAllTokens(): void {
      state.tokens.revokeAll();
    },
    expireAllTokens(): void {
      state.tokens.expireAll();
    },
    issueTokens(options = {}) {
      const lifetime = options.lifetimeSeconds ?? state.tokenLifetimeSeconds;
      const pair = state.tokens.issue(options.scopes ?? APP_SCOPES, lifetime, state.clientId);
      return {
        accessToken: pair.accessToken,
        refreshToken: pair.refreshToken,
        expiresIn: pair.expiresIn,
      };
    },
    setData(path: string, value: unknown): void {
      setPath(state.data, path, value);
    },
    pushChat(message: unknown): void {
      sockets.pushChat(message);
    },
    pushStreaming(message: unknown): void {
      sockets.pushStreaming(message);
    },
    requestLog() {
      return state.log.map((entry) => ({ ...entry, headers: { ...entry.headers } }));
    },
    counters() {
      return structuredClone(state.counters);
    },
    reset(): void {
      state.data = createSeed(state.seedEpoch);
      state.faults.reset();
      state.downloads.clear();
      state.counters = zeroCounters();
      state.log = [];
      state.tokens.addPermanent(state.readyToken);
      sockets.resetReplay();
    },
  };
}

function maskEntry(entry: MockRequestLogEntry): MockRequestLogEntry {
  const headers = Object.entries(entry.headers).map(([name, value]) => [name, maskSecrets(value)]);
  return { ...entry, query: maskSecrets(entry.query), headers: Object.fromEntries(headers) };
}

/** Keys that would reach an object's prototype instead of its data. */
const UNSAFE_KEYS = new Set(["__proto__", "prototype", "constructor"]);

/** Sets `path` (dot-separated keys and indexes) in `root`; only an existing field. */
function setPath(root: object, path: string, value: unknown): void {
  const keys = String(path).split(".");
  let target: unknown = root;
  for (const [i, key] of keys.entries()) {
    const record = target as Record<string, unknown>;
    if (
      target === null || typeof target !== "object" || UNSAFE_KEYS.has(key) ||
      !Object.hasOwn(record, key)
    ) {
      throw new Error(`invalid data path '${path}': no field '${keys.slice(0, i + 1).join(".")}'`);
    }
    if (i === keys.length - 1) record[key] = structuredClone(value);
    else target = record[key];
  }
}

async function body(req: Request): Promise<Record<string, unknown>> {
  const text = await req.text();
  if (text.trim() === "") return {};
  const value = JSON.parse(text);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error("expected a JSON object");
  }
  return value;
}

/** A JSON answer of the control API: unlike the REST routes', no CORS header. */
function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}

/**
 * The origins a page of the mock itself has: its URL, and the same port under the other
 * loopback names when it listens on loopback.
 */
function ownOrigins(apiUrl: string): Set<string> {
  const url = new URL(apiUrl);
  const origins = new Set([url.origin]);
  if (["127.0.0.1", "[::1]", "localhost"].includes(url.hostname)) {
    for (const host of ["127.0.0.1", "[::1]", "localhost"]) {
      origins.add(`${url.protocol}//${host}:${url.port}`);
    }
  }
  return origins;
}

/**
 * Answers `/__mock/…`: `{"ok":true}` or the data asked for; 400 `{"error"}` on bad input;
 * 403 to a request from another origin (`apiUrl` is the mock's own).
 */
export async function handleControl(
  control: MockControl,
  req: Request,
  url: URL,
  apiUrl: string,
): Promise<Response> {
  const origin = req.headers.get("origin");
  if (origin !== null && !ownOrigins(apiUrl).has(origin)) {
    await req.body?.cancel();
    return json(403, { error: "the control API refuses requests from other origins" });
  }
  const op = `${req.method} ${url.pathname.slice("/__mock".length)}`;
  try {
    switch (op) {
      case "GET /log":
        // Out of the process, the log shows where secrets went, never the secrets.
        return json(200, control.requestLog().map(maskEntry));
      case "GET /counters":
        return json(200, control.counters());
      case "POST /tokens": {
        const b = await body(req);
        return json(
          200,
          control.issueTokens({
            scopes: Array.isArray(b.scopes) ? b.scopes.map(String) : undefined,
            lifetimeSeconds: typeof b.lifetimeSeconds === "number" ? b.lifetimeSeconds : undefined,
          }),
        );
      }
      case "POST /data": {
        const b = await body(req);
        control.setData(String(b.path ?? ""), b.value);
        break;
      }
      case "POST /chat":
        control.pushChat(JSON.parse(await req.text()));
        break;
      case "POST /streaming":
        control.pushStreaming(JSON.parse(await req.text()));
        break;
      default: {
        const simple = await simpleOperation(control, op, req);
        if (!simple) return json(404, { error: `unknown control operation '${op}'` });
      }
    }
    return json(200, { ok: true });
  } catch (error) {
    return json(400, { error: error instanceof Error ? error.message : String(error) });
  }
}

/** The operations that only change a setting; false when `op` is none of them. */
async function simpleOperation(control: MockControl, op: string, req: Request): Promise<boolean> {
  switch (op) {
    case "POST /fail": {
      const b = await body(req);
      control.failNext(String(b.route ?? ""), {
        status: Number(b.status),
        count: b.count === undefined ? undefined : Number(b.count),
        retryAfter: b.retryAfter === undefined ? undefined : String(b.retryAfter),
        body: b.body as MockFault["body"],
        json: b.json,
        location: b.location === undefined ? undefined : String(b.location),
      });
      return true;
    }
    case "POST /latency":
      control.setLatency(Number((await body(req)).ms));
      return true;
    case "POST /drop-sockets": {
      const after = (await body(req)).after;
      control.dropSocketsAfter(after === null || after === undefined ? null : Number(after));
      return true;
    }
    case "POST /malformed":
      control.sendMalformed((await body(req)).socket as "chat" | "streaming");
      return true;
    case "POST /heartbeats":
      control.setHeartbeats((await body(req)).on !== false);
      return true;
    case "POST /revoke-all":
      control.revokeAllTokens();
      return true;
    case "POST /expire-all":
      control.expireAllTokens();
      return true;
    case "POST /reset":
      control.reset();
      return true;
    default:
      return false;
  }
}
