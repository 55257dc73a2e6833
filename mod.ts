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
export type { Platform, PlatformImage } from "./src/schemas/platform.ts";
export type { Server } from "./src/schemas/server.ts";
export {
  type MonitorEvent,
  type MonitorFrame,
  type MonitorOptions,
  type MonitorTuning,
} from "./src/ws/monitor.ts";
export type { KnownMessage, UnknownMessage } from "./src/ws/message.ts";
export {
  monitorStreaming,
  monitorStreamingBatches,
  type StreamingMessage,
  type StreamingMonitorOptions,
} from "./src/ws/streaming.ts";
export type {
  DeleteIncoming,
  DeleteOutgoing,
  IncomingBitrate,
  IncomingStreaming,
  OutgoingStreaming,
  UpdateIncoming,
  UpdateOutgoing,
  UpdateStatuses,
} from "./src/ws/streaming_schemas.ts";
export {
  type ChatMessage,
  type ChatMonitorOptions,
  monitorChat,
  monitorChatBatches,
} from "./src/ws/chat.ts";
export type {
  ChatAuthor,
  ChatDonation,
  ChatEnvelope,
  ChatEventMessagePayload,
  ChatEventPayload,
  ChatReplyAction,
  ConnectionClosedPayload,
  ConnectionInfoPayload,
} from "./src/ws/chat_schemas.ts";
export { VERSION } from "./src/version.ts";

if (import.meta.main) {
  // Loaded only when run as a program, so library users never load the CLI's dependencies.
  const { main } = await import("./cli.ts");
  await main();
}
