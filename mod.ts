/**
 * restream.io: a typed client for the Restream.io REST and WebSocket APIs, and the
 * `restream` command-line tool built on it.
 *
 * The library never prints and never exits. Running this module directly runs the CLI.
 *
 * @example
 * ```ts
 * import { RestreamClient } from "jsr:@restream/cli";
 *
 * const client = new RestreamClient();
 * const platforms = await client.listPlatforms();
 * console.log(platforms.map((p) => p.name).join(", "));
 * ```
 *
 * @module
 */

export { fixedToken, RestreamClient, type RestreamClientOptions } from "./src/client.ts";
export {
  type Config,
  DEFAULT_API_URL,
  DEFAULT_CHAT_WS_URL,
  DEFAULT_STREAMING_WS_URL,
  type EnvLookup,
  loadConfig,
} from "./src/config.ts";
export {
  type ErrorKind,
  EXIT_CODES,
  RestreamError,
  type RestreamErrorOptions,
  UsageError,
} from "./src/errors.ts";
export {
  type FetchLike,
  HttpClient,
  type HttpClientOptions,
  type HttpResponse,
  type QueryValue,
  type RequestOptions,
  type TokenProvider,
} from "./src/http/http.ts";
export { startMockServer } from "./src/mock/lazy.ts";
export type {
  MockControl,
  MockCounters,
  MockFault,
  MockFaultBody,
  MockIssuedTokens,
  MockRequestLogEntry,
  MockServer,
  MockServerOptions,
} from "./src/mock/types.ts";
export type { Platform, PlatformImage } from "./src/schemas/platform.ts";
export type { Server } from "./src/schemas/server.ts";
export { VERSION } from "./src/version.ts";

if (import.meta.main) {
  // Loaded only when run as a program, so library users never load the CLI's dependencies.
  const { main } = await import("./cli.ts");
  await main();
}
