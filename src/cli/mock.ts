/**
 * `mock serve`: runs the local mock Restream server until Ctrl+C / SIGTERM. stdout gets
 * only `export NAME=value` lines (or one JSON object with `--json`) for pointing the CLI or
 * a user's own code at it; notices and the request log go to stderr (SPEC.md, "Mock server").
 * The server's modules are loaded inside the action, so other commands never load them.
 *
 * @module
 */

import { RestreamError, UsageError } from "../errors.ts";
import type { MockFault, MockServer } from "../mock/types.ts";
import type { CliContext } from "./context.ts";

/** Quotes a value for a POSIX shell. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The variables `mock serve` prints, in order. */
function mockEnvironment(server: MockServer): Record<string, string> {
  return {
    RESTREAM_API_URL: server.apiUrl,
    RESTREAM_STREAMING_WS_URL: server.streamingWsUrl,
    RESTREAM_CHAT_WS_URL: server.chatWsUrl,
    RESTREAM_TOKEN: server.token,
    RESTREAM_CLIENT_ID: server.clientId,
    RESTREAM_CLIENT_SECRET: server.clientSecret,
  };
}

/** True for a loopback address or name: 127.0.0.0/8, ::1, `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (name === "localhost" || name.endsWith(".localhost")) return true;
  if (name === "::1" || name === "0:0:0:0:0:0:0:1") return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}

/** Resolves on the context's abort signal, else on SIGINT/SIGTERM (listeners removed after). */
function waitForStop(signal: AbortSignal | undefined): Promise<void> {
  if (signal) {
    return new Promise((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener("abort", () => resolve(), { once: true });
    });
  }
  // Deno offers no SIGTERM on Windows (SPEC.md, "Platforms").
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
  return new Promise((resolve) => {
    const stop = (): void => {
      for (const name of signals) Deno.removeSignalListener(name, stop);
      resolve();
    };
    for (const name of signals) Deno.addSignalListener(name, stop);
  });
}

/** The flags of `mock serve`. */
export interface MockServeFlags {
  /** `--port`. */
  port: number;
  /** `--host`. */
  host: string;
  /** `--token-lifetime`, seconds. */
  tokenLifetime: number;
  /** `--auto-approve`. */
  autoApprove?: true;
  /** `--chat-rate`, messages per second. */
  chatRate: number;
  /** `--heartbeat`, seconds. */
  heartbeat: number;
  /** `--streaming-interval`, ms. */
  streamingInterval: number;
  /** `--fail`, every value. */
  fail: string[];
  /** `--latency`, ms. */
  latency: number;
  /** `--drop-after`. */
  dropAfter?: number;
}

/** `mock serve`: runs until Ctrl+C / SIGTERM. */
export async function serveMock(ctx: CliContext, options: MockServeFlags): Promise<void> {
  if (ctx.usesMock) {
    throw new UsageError(
      `'mock serve' starts a mock of its own: ${
        ctx.globals.mock ? "drop --mock" : "unset RESTREAM_MOCK"
      } (commands given --mock start their own)`,
    );
  }
  const { startMockServer } = await import("../mock/server.ts");
  const { parseFaultFlag } = await import("../mock/faults.ts");
  const faults: Array<{ route: string; fault: MockFault }> = options.fail.map((text) => {
    try {
      return parseFaultFlag(text);
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
  });
  if (!isLoopbackHost(options.host)) {
    ctx.output.notice(
      `warning: --host ${options.host} is not a loopback address: anyone who can reach it ` +
        "can use the mock, including its control API (/__mock/), which issues tokens " +
        "to whoever asks",
    );
  }
  let server: MockServer;
  try {
    server = await startMockServer({
      port: options.port,
      hostname: options.host,
      tokenLifetimeSeconds: options.tokenLifetime,
      autoApprove: options.autoApprove ?? false,
      chatRatePerSecond: options.chatRate,
      heartbeatSeconds: options.heartbeat,
      streamingIntervalMs: options.streamingInterval,
      log: (line) => ctx.io.stderr.write(`${line}\n`),
    });
  } catch (error) {
    throw listenError(error, options.host, options.port);
  }
  try {
    for (const { route, fault } of faults) server.control.failNext(route, fault);
    server.control.setLatency(options.latency);
    if (options.dropAfter !== undefined) server.control.dropSocketsAfter(options.dropAfter);
    printEnvironment(ctx, server);
    ctx.stopsGracefully = true; // a server stopped by Ctrl+C or SIGTERM did its job: exit 0
    await waitForStop(ctx.io.signal);
  } finally {
    await server.close();
  }
  ctx.output.notice("mock server stopped");
}

function printEnvironment(ctx: CliContext, server: MockServer): void {
  const env = mockEnvironment(server);
  if (ctx.output.json) {
    ctx.output.printJson(env);
  } else {
    for (const [name, value] of Object.entries(env)) {
      ctx.output.printLine(`export ${name}=${shellQuote(value)}`);
    }
  }
  const notice = (text: string): void => ctx.output.notice(text);
  notice(`Mock Restream server listening on ${server.apiUrl}`);
  notice(`  REST       ${server.apiUrl}/v2`);
  notice(`  login      ${server.apiUrl}/login`);
  notice(`  streaming  ${server.streamingWsUrl}`);
  notice(`  chat       ${server.chatWsUrl}`);
  notice(`  control    ${server.apiUrl}/__mock/`);
  notice("Paste the export lines into another shell (or redirect them to a file and source it).");
  notice("Press Ctrl+C to stop.");
}

function listenError(error: unknown, host: string, port: number): unknown {
  // A denied --allow-net is reported by run.ts like every other permission.
  if (error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied) {
    return error;
  }
  if (error instanceof Deno.errors.AddrInUse) {
    return new RestreamError(
      "server",
      `port ${port} on ${host} is already in use: choose another with --port (0 picks a free one)`,
    );
  }
  const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0];
  return new RestreamError(
    "server",
    `cannot listen on ${host}:${port} (check --host and --port): ${reason}`,
  );
}
