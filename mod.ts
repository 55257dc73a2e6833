/**
 * restream.io: a typed client for the Restream.io REST API, the OAuth login flow, a token
 * store that refreshes, a local mock server, and the `restream` command-line tool built on
 * them. The library never prints and never exits; every failure is a {@link RestreamError}
 * with a `kind`. Running this module directly (`deno run jsr:@restream/cli …`) runs the CLI,
 * whose code is loaded only then; `jsr:@restream/cli/cli`, the CLI bundled, starts faster.
 *
 * - {@link RestreamClient}: one method per endpoint (channels, events, chat history, storage,
 *   clips, recordings…), typed results that keep every field the API sent.
 * - Tokens: a fixed token (`token: "…"`), or a {@link Session} over a {@link TokenStore}
 *   (the CLI's `restream login` tokens) that refreshes before expiry and after a 401.
 * - {@link login} runs the OAuth authorization-code flow with PKCE; its UI is callbacks.
 * - {@link startMockServer} serves a fake Restream API on loopback for tests and demos.
 * - Presets: {@link planPreset} works out what to change to get a channel setup (pure), and
 *   {@link RestreamClient.applyChannelPlan} applies it; {@link FilePresetStore} and
 *   {@link MemoryPresetStore} keep named setups per account.
 *
 * @example A complete program: retitle every enabled channel. Try it against the mock server
 * (`restream mock serve > mock.env &`, then `. ./mock.env`) or with your own `RESTREAM_TOKEN`.
 * ```ts
 * import { RestreamClient, RestreamError } from "jsr:@restream/cli";
 *
 * const client = new RestreamClient({
 *   apiUrl: Deno.env.get("RESTREAM_API_URL"),
 *   token: Deno.env.get("RESTREAM_TOKEN"),
 * });
 * try {
 *   for (const channel of await client.listChannels()) {
 *     if (!channel.enabled) continue;
 *     await client.updateChannelMeta(channel.id, { title: "Live now: Speedrun Friday" });
 *     console.log(`retitled ${channel.displayName}`);
 *   }
 * } catch (error) {
 *   if (!(error instanceof RestreamError)) throw error;
 *   console.error(`${error.kind}: ${error.message}`);
 *   Deno.exitCode = 1;
 * }
 * ```
 *
 * @example Log in once from a script, then use the stored, self-refreshing tokens.
 * ```ts
 * import { login, RestreamClient, Session, TokenStore } from "jsr:@restream/cli";
 *
 * const apiUrl = "https://api.restream.io";
 * const credentials = {
 *   clientId: Deno.env.get("RESTREAM_CLIENT_ID")!,
 *   clientSecret: Deno.env.get("RESTREAM_CLIENT_SECRET")!,
 * };
 * const store = new TokenStore({ dir: `${Deno.env.get("HOME")}/.config/restream.io` });
 * if (!await store.get(apiUrl)) {
 *   const { tokens } = await login({
 *     apiUrl,
 *     ...credentials,
 *     callbacks: { onAuthorizeUrl: (url) => console.error(`Open ${url}`) },
 *   });
 *   await store.set(apiUrl, { ...tokens, clientId: credentials.clientId });
 * }
 * const session = new Session({ apiUrl, store, ...credentials });
 * const client = new RestreamClient({ apiUrl, tokens: session });
 * console.log((await client.getProfile()).username);
 * ```
 *
 * @module
 */

export { openInBrowser, type OpenInBrowserOptions } from "./src/auth/browser.ts";
export type { LockOptions } from "./src/auth/lock.ts";
export {
  DEFAULT_LOGIN_PORT,
  DEFAULT_LOGIN_TIMEOUT_MS,
  login,
  type LoginCallbacks,
  type LoginOptions,
  type LoginResult,
} from "./src/auth/login.ts";
export {
  assertWebSocketUrlBelongs,
  type WebSocketBinding,
  webSocketUrlBelongs,
} from "./src/auth/origin.ts";
export {
  authorizeUrl,
  type AuthorizeUrlOptions,
  type ClientCredentials,
  createPkcePair,
  createState,
  exchangeCode,
  type ExchangeCodeOptions,
  pkceChallenge,
  type PkcePair,
  type RefreshOptions,
  refreshTokens,
  type RevokeOptions,
  revokeToken,
} from "./src/auth/oauth.ts";
export { hasScope, type TokenSet } from "./src/auth/token_set.ts";
export {
  Session,
  type SessionOptions,
  type SessionState,
  type TokenSource,
} from "./src/auth/session.ts";
export { MemoryTokenStore } from "./src/auth/memory_token_store.ts";
export {
  apiOrigin,
  type LockedTokens,
  type StoredTokens,
  type TokenStorage,
  TokenStore,
  type TokenStoreOptions,
} from "./src/auth/token_store.ts";
export { RestreamClient, type RestreamClientOptions } from "./src/client.ts";
// RestreamClient imports each resource's module on its first call, so the CLI loads one per
// command. The library loads them all up front: a program that imports this module then needs
// no read permission for a module loaded later (deno.json's `lazy-dynamic-imports` would ask).
import "./src/client/account.ts";
import "./src/client/channel_plan.ts";
import "./src/client/channels.ts";
import "./src/client/clips.ts";
import "./src/client/event_extras.ts";
import "./src/client/event_media.ts";
import "./src/client/events.ts";
import "./src/client/storage.ts";
export {
  type ChannelMetaUpdate,
  MAX_TITLE_LENGTH,
  type NewChannel,
} from "./src/client/channels.ts";
export {
  type ApplyPlanOptions,
  PLAN_CONCURRENCY,
  type PlanResult,
} from "./src/client/channel_plan.ts";
export type { ClipProjectInput, ClipProjectQuery } from "./src/client/clips.ts";
export type {
  ChatHistoryOptions,
  NewEvent,
  NewEventDestination,
} from "./src/client/event_extras.ts";
export { MAX_PAGES, type PagingOptions } from "./src/client/pages.ts";
export {
  type EventHistoryOptions,
  type ListEventsOptions,
  type UpcomingEventsOptions,
  type UpcomingEventSource,
} from "./src/client/events.ts";
export {
  type Config,
  DEFAULT_API_URL,
  DEFAULT_CHAT_WS_URL,
  DEFAULT_STREAMING_WS_URL,
  type EnvLookup,
  loadConfig,
} from "./src/config.ts";
export {
  type DownloadOptions,
  type DownloadResult,
  type DownloadTarget,
  downloadToFile,
  downloadToWriter,
  type FileNameOptions,
  suggestedFileName,
} from "./src/download.ts";
export {
  type ErrorKind,
  EXIT_CODES,
  RestreamError,
  type RestreamErrorOptions,
  UsageError,
} from "./src/errors.ts";
export {
  type FetchLike,
  fixedToken,
  HttpClient,
  type HttpClientOptions,
  type HttpResponse,
  MAX_RESPONSE_BYTES,
  type QueryValue,
  type RequestOptions,
  type RetryNotice,
  type TokenProvider,
} from "./src/http/http.ts";
export { assertEncryptedTransport, isLoopbackHost } from "./src/http/transport.ts";
export type { DownloadUrl, Ingest, WebchatUrl } from "./src/schemas/account.ts";
export type {
  Clip,
  ClipProject,
  ClipProjectCreated,
  ClipProjectDetail,
  ClipProjectPage,
  CursorPagination,
} from "./src/schemas/clip.ts";
export { startMockServer } from "./src/mock/lazy.ts";
export {
  type Change,
  type CurrentChannel,
  planPreset,
  type PlanStep,
  type PresetPlan,
  type PresetTarget,
} from "./src/preset/plan.ts";
export {
  checkPresetName,
  MAX_PRESET_NAME_LENGTH,
  parsePresetDocument,
  type Preset,
  PRESET_FORMAT_VERSION,
  type PresetDocument,
  presetDocument,
  PresetFormatError,
} from "./src/preset/preset.ts";
export {
  MemoryPresetStore,
  type PresetAccount,
  type PresetChange,
  type PresetMap,
  PresetStore,
  type RenameOutcome,
  type SaveOutcome,
} from "./src/preset/store.ts";
export { FilePresetStore, type FilePresetStoreOptions } from "./src/preset/file_store.ts";
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
export type { EventRecordings, Recording } from "./src/schemas/recording.ts";
export type { StorageFile } from "./src/schemas/storage.ts";
export type {
  Channel,
  ChannelMeta,
  ChannelSummary,
  CreatedChannel,
} from "./src/schemas/channel.ts";
export type {
  ApiTime,
  Created,
  EventDestination,
  EventHistoryPage,
  EventPagination,
  RestreamEvent,
} from "./src/schemas/event.ts";
export type {
  ChatHistoryMessage,
  ChatHistoryPage,
  MessageAnalytics,
  MessageStats,
  Transcription,
  TranscriptionList,
  ViewerAnalytics,
  ViewerStats,
} from "./src/schemas/event_data.ts";
export type { Profile } from "./src/schemas/profile.ts";
export type { Server } from "./src/schemas/server.ts";
export type { SrtStreamKey, StreamKey } from "./src/schemas/stream_key.ts";
export {
  type MonitorEvent,
  type MonitorFrame,
  type MonitorOptions,
  type MonitorTuning,
} from "./src/ws/monitor.ts";
export type { KnownMessage, UnknownMessage } from "./src/ws/message.ts";
export type { MonitorAuthOptions } from "./src/ws/monitor_auth.ts";
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
