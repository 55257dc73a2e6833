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

export { browserCommand, openInBrowser, type OpenInBrowserOptions } from "./src/auth/browser.ts";
export { acquireLock, type HeldLock, type LockOptions } from "./src/auth/lock.ts";
export {
  DEFAULT_LOGIN_PORT,
  DEFAULT_LOGIN_TIMEOUT_MS,
  login,
  type LoginCallbacks,
  type LoginOptions,
  type LoginResult,
} from "./src/auth/login.ts";
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
export {
  hasScope,
  normaliseScope,
  parseTokenResponse,
  type TokenSet,
} from "./src/auth/token_set.ts";
export {
  notLoggedIn,
  REFRESH_MARGIN_MS,
  Session,
  type SessionOptions,
  type SessionState,
  type TokenSource,
  toStored,
} from "./src/auth/session.ts";
export {
  apiOrigin,
  type LockedTokens,
  type StoredTokens,
  TOKEN_FILE_VERSION,
  TokenStore,
  type TokenStoreOptions,
} from "./src/auth/token_store.ts";
export { fixedToken, RestreamClient, type RestreamClientOptions } from "./src/client.ts";
export {
  type ChannelMetaUpdate,
  checkChannelTitle,
  MAX_TITLE_LENGTH,
  type NewChannel,
} from "./src/client/channels.ts";
export type { ClipProjectInput, ClipProjectQuery } from "./src/client/clips.ts";
export type {
  ChatHistoryOptions,
  NewEvent,
  NewEventDestination,
} from "./src/client/event_extras.ts";
export {
  type EventHistoryOptions,
  type ListEventsOptions,
  mergeEvents,
  type UpcomingEventsOptions,
  type UpcomingEventSource,
} from "./src/client/events.ts";
export type { ResourceContext } from "./src/client/resource_error.ts";
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
  type FileNameOptions,
  safeName,
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
  HttpClient,
  type HttpClientOptions,
  type HttpResponse,
  type QueryValue,
  type RequestOptions,
  type TokenProvider,
} from "./src/http/http.ts";
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
export { VERSION } from "./src/version.ts";

if (import.meta.main) {
  // Loaded only when run as a program, so library users never load the CLI's dependencies.
  const { main } = await import("./cli.ts");
  await main();
}
