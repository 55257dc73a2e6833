/**
 * Helpers for tests against the mock server: start-and-close around a test, REST calls that
 * always consume the body, OAuth form posts, and a WebSocket client that collects messages.
 */

import { startMockServer } from "../../src/mock/server.ts";
import type { MockServer, MockServerOptions } from "../../src/mock/types.ts";

/** Runs `fn` against a fresh mock server and always closes it. */
export async function withMock(
  options: MockServerOptions,
  fn: (mock: MockServer) => Promise<void>,
): Promise<void> {
  const mock = await startMockServer(options);
  try {
    await fn(mock);
  } finally {
    await mock.close();
  }
}

/** A response with its body already read. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // deno-lint-ignore no-explicit-any
  json: any;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Options of {@link call}. */
export interface CallOptions {
  method?: string;
  /** Bearer token; default the mock's ready token; null sends none. */
  token?: string | null;
  body?: unknown;
}

/** Calls the mock's REST API (path from the origin, e.g. `/v2/user/profile`). */
export async function call(
  mock: MockServer,
  path: string,
  options: CallOptions = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  const token = options.token === undefined ? mock.token : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${mock.apiUrl}${path}`, {
    method: options.method ?? "GET",
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    redirect: "manual",
  });
  return await answer(response);
}

/** Posts a form to the mock (OAuth endpoints); `basic` sends the client by HTTP Basic. */
export async function postForm(
  mock: MockServer,
  path: string,
  form: Record<string, string>,
  client: "basic" | "form" | "none" = "basic",
): Promise<Answer> {
  const body = new URLSearchParams(form);
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (client === "basic") {
    headers.authorization = `Basic ${btoa(`${mock.clientId}:${mock.clientSecret}`)}`;
  }
  if (client === "form") {
    body.set("client_id", mock.clientId);
    body.set("client_secret", mock.clientSecret);
  }
  const response = await fetch(`${mock.apiUrl}${path}`, {
    method: "POST",
    headers,
    body,
    redirect: "manual",
  });
  return await answer(response);
}

/** A WebSocket client that records every message. */
export class WsClient {
  readonly socket: WebSocket;
  readonly messages: string[] = [];
  /** Resolves with the close event. */
  readonly closed: Promise<CloseEvent>;
  #waiters: Array<() => void> = [];

  private constructor(socket: WebSocket) {
    this.socket = socket;
    this.closed = new Promise((resolve) => socket.addEventListener("close", resolve));
    socket.addEventListener("message", (event) => {
      this.messages.push(String(event.data));
      for (const wake of this.#waiters.splice(0)) wake();
    });
    socket.addEventListener("close", () => {
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  /** Connects; rejects when the handshake fails. */
  static async open(url: string): Promise<WsClient> {
    const client = new WsClient(new WebSocket(url));
    await new Promise<void>((resolve, reject) => {
      client.socket.addEventListener("open", () => resolve());
      client.socket.addEventListener("error", () => reject(new Error("handshake failed")));
    });
    return client;
  }

  /** The messages parsed as JSON (malformed ones as the raw string). */
  parsed(): unknown[] {
    return this.messages.map((m) => {
      try {
        return JSON.parse(m);
      } catch {
        return m;
      }
    });
  }

  /** Waits until `count` messages arrived (or the socket closed, or the time is up). */
  async waitFor(count: number, timeoutMs = 2000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.length < count && this.socket.readyState !== WebSocket.CLOSED) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      let timer: ReturnType<typeof setTimeout> | undefined;
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        timer = setTimeout(resolve, left);
      });
      clearTimeout(timer);
    }
    return this.messages;
  }

  /** Closes and waits for the close to complete. */
  async close(): Promise<void> {
    if (this.socket.readyState !== WebSocket.CLOSED) this.socket.close();
    await this.closed;
  }
}

/** Resolves after `ms`. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
