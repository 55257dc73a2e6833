/**
 * RestreamClient: one small typed method per REST endpoint, over the request pipeline.
 *
 * @module
 */

import { DEFAULT_API_URL } from "./config.ts";
import {
  type FetchLike,
  HttpClient,
  type HttpClientOptions,
  type TokenProvider,
  tokenProviderFor,
} from "./http/http.ts";
import type { DownloadUrl, Ingest, WebchatUrl } from "./schemas/account.ts";
import type { ClipProjectCreated, ClipProjectDetail, ClipProjectPage } from "./schemas/clip.ts";
import type { Platform } from "./schemas/platform.ts";
import type { EventRecordings } from "./schemas/recording.ts";
import type { StorageFile } from "./schemas/storage.ts";
import type { Server } from "./schemas/server.ts";
import type { Channel, ChannelMeta, ChannelSummary, CreatedChannel } from "./schemas/channel.ts";
import type { Created, EventHistoryPage, RestreamEvent } from "./schemas/event.ts";
import type {
  ChatHistoryPage,
  MessageAnalytics,
  TranscriptionList,
  ViewerAnalytics,
} from "./schemas/event_data.ts";
import type { Profile } from "./schemas/profile.ts";
import type { PresetPlan } from "./preset/plan.ts";
import type { SrtStreamKey, StreamKey } from "./schemas/stream_key.ts";
import type * as channels from "./client/channels.ts";
import type { ApplyPlanOptions, PlanResult } from "./client/channel_plan.ts";
import type * as clips from "./client/clips.ts";
import { ApiCore } from "./client/core.ts";
import type { PagingOptions } from "./client/pages.ts";
import type * as extras from "./client/event_extras.ts";
import type * as events from "./client/events.ts";

/**
 * The resource modules, each imported on its first call and kept: a command that calls one
 * endpoint loads that resource's module and schemas, not all of them (SPEC.md, "Start-up").
 */
const load = {
  account: once(() => import("./client/account.ts")),
  channels: once(() => import("./client/channels.ts")),
  channelPlan: once(() => import("./client/channel_plan.ts")),
  clips: once(() => import("./client/clips.ts")),
  events: once(() => import("./client/events.ts")),
  extras: once(() => import("./client/event_extras.ts")),
  media: once(() => import("./client/event_media.ts")),
  storage: once(() => import("./client/storage.ts")),
};

/**
 * A loader that runs once; every later call gets the same promise. A failed load (a module
 * that could not be read or fetched) is forgotten, so a long-lived client can try again.
 */
function once<T>(loader: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () =>
    loaded ??= loader().catch((error) => {
      loaded = undefined;
      throw error;
    });
}

/** Options of {@link RestreamClient}. */
export interface RestreamClientOptions
  extends Omit<HttpClientOptions, "baseUrl" | "tokens" | "fetch"> {
  /** Origin of the API; `https://api.restream.io` by default. */
  apiUrl?: string;
  /**
   * A fixed access token. Ignored when `tokens` is given. Without either, methods that need
   * a token fail with an `auth` error before sending anything.
   */
  token?: string;
  /** A token provider that refreshes (see the auth module's session). */
  tokens?: TokenProvider;
  /** The fetch to use; the global one by default. */
  fetch?: FetchLike;
  /** A ready pipeline to share (one connection pool per process); overrides the above. */
  http?: HttpClient;
}

/**
 * A typed client for the Restream REST API.
 *
 * @example
 * ```ts
 * import { RestreamClient } from "jsr:@restream/cli";
 * const client = new RestreamClient();
 * for (const platform of await client.listPlatforms()) console.log(platform.name);
 * ```
 */
export class RestreamClient {
  /** The request pipeline this client sends through. */
  readonly http: HttpClient;
  readonly #api: ApiCore;

  /** Creates a client; with no options it talks to the real API without a token. */
  constructor(options: RestreamClientOptions = {}) {
    // An empty token (an unset variable read as "") is no token: fail locally, not with a 401.
    const tokens = tokenProviderFor(options);
    this.http = options.http ?? new HttpClient({
      ...options,
      baseUrl: options.apiUrl ?? DEFAULT_API_URL,
      tokens,
    });
    this.#api = new ApiCore(this.http);
  }

  /** The account's profile (profile.read). */
  async getProfile(signal?: AbortSignal): Promise<Profile> {
    return (await load.account()).getProfile(this.#api, signal);
  }

  /** The account's default stream key and SRT URL (stream.read). Secrets: never log them. */
  async getStreamKey(signal?: AbortSignal): Promise<StreamKey> {
    return (await load.account()).getStreamKey(this.#api, signal);
  }

  /** All channels (channels.read). */
  async listChannels(signal?: AbortSignal): Promise<ChannelSummary[]> {
    return (await load.channels()).listChannels(this.#api, signal);
  }

  /** One channel, in the camelCase shape whichever shape the API sent (channels.read). */
  async getChannel(id: number, signal?: AbortSignal): Promise<Channel> {
    return (await load.channels()).getChannel(this.#api, id, signal);
  }

  /** Enables or disables a channel (channels.write). */
  async updateChannel(
    id: number,
    change: { active: boolean },
    signal?: AbortSignal,
  ): Promise<void> {
    return (await load.channels()).updateChannel(this.#api, id, change, signal);
  }

  /** A channel's title and description (channels.read). */
  async getChannelMeta(id: number, signal?: AbortSignal): Promise<ChannelMeta> {
    return (await load.channels()).getChannelMeta(this.#api, id, signal);
  }

  /**
   * Changes a channel's title and description (channels.write). A title that is empty or
   * longer than `MAX_TITLE_LENGTH` (140) characters is refused before anything is sent.
   */
  async updateChannelMeta(
    id: number,
    change: channels.ChannelMetaUpdate,
    signal?: AbortSignal,
  ): Promise<void> {
    return (await load.channels()).updateChannelMeta(this.#api, id, change, signal);
  }

  /**
   * Applies a channel plan (see `planPreset`): titles, then enabling and disabling, four
   * channels at a time, one result per channel (channels.write). One channel's failure does
   * not stop the others; a rejected login or an interruption is thrown.
   *
   * @example
   * ```ts
   * import { planPreset, RestreamClient } from "jsr:@restream/cli";
   * const client = new RestreamClient({ token: Deno.env.get("RESTREAM_TOKEN") });
   * const plan = planPreset(await client.listChannels(), { channels: [1030301, 1030302] });
   * for (const result of await client.applyChannelPlan(plan)) {
   *   console.log(result.channelId, result.ok ? "ok" : result.error?.message);
   * }
   * ```
   */
  async applyChannelPlan(plan: PresetPlan, options?: ApplyPlanOptions): Promise<PlanResult[]> {
    return (await load.channelPlan()).applyChannelPlan(this.#api, plan, options);
  }

  /** Adds a manual channel (custom RTMP, SRT…) (channels.write). */
  async addChannel(channel: channels.NewChannel, signal?: AbortSignal): Promise<CreatedChannel> {
    return (await load.channels()).addChannel(this.#api, channel, signal);
  }

  /** Removes a channel (channels.write). */
  async removeChannel(id: number, signal?: AbortSignal): Promise<void> {
    return (await load.channels()).removeChannel(this.#api, id, signal);
  }

  /** Upcoming events, optionally by source and scheduled only (stream.read). */
  async listUpcomingEvents(options?: events.UpcomingEventsOptions): Promise<RestreamEvent[]> {
    return (await load.events()).listUpcomingEvents(this.#api, options);
  }

  /** Events live now (stream.read). */
  async listInProgressEvents(signal?: AbortSignal): Promise<RestreamEvent[]> {
    return (await load.events()).listInProgressEvents(this.#api, signal);
  }

  /** One page of finished and missed events (stream.read). */
  async getEventHistory(options?: events.EventHistoryOptions): Promise<EventHistoryPage> {
    return (await load.events()).getEventHistory(this.#api, options);
  }

  /**
   * Every page of the event history from `options.page` on, fetched as it is consumed. A
   * listing stops at an empty page; an API that repeats a page stops it with a warning to
   * `options.onWarning`; more than 10,000 pages is an `invalid_response` error.
   *
   * @example
   * ```ts
   * import { RestreamClient } from "jsr:@restream/cli";
   * const client = new RestreamClient({ token: "…" });
   * for await (const page of client.iterateEventHistory({ limit: 100 })) {
   *   for (const event of page.items) console.log(event.id, event.title);
   * }
   * ```
   */
  async *iterateEventHistory(
    options?: events.EventHistoryOptions,
  ): AsyncGenerator<EventHistoryPage, void, undefined> {
    yield* (await load.events()).iterateEventHistory(this.#api, options);
  }

  /**
   * In-progress, upcoming and the latest history events in one list, fetched concurrently:
   * each event once, live first, then soonest upcoming, then newest finished (stream.read).
   */
  async listEvents(options?: events.ListEventsOptions): Promise<RestreamEvent[]> {
    return (await load.events()).listEvents(this.#api, options);
  }

  /** One event (stream.read). */
  async getEvent(id: string, signal?: AbortSignal): Promise<RestreamEvent> {
    return (await load.events()).getEvent(this.#api, id, signal);
  }

  /** An event's stream key and SRT URL (stream.read). Secrets: never log them. */
  async getEventStreamKey(id: string, signal?: AbortSignal): Promise<StreamKey> {
    return (await load.events()).getEventStreamKey(this.#api, id, signal);
  }

  /** Creates an event; returns its id (stream.write). */
  async createEvent(event: extras.NewEvent, signal?: AbortSignal): Promise<Created> {
    return (await load.extras()).createEvent(this.#api, event, signal);
  }

  /** Adds a manual channel to an event; returns the destination's id (stream.write). */
  async addEventDestination(
    eventId: string,
    destination: extras.NewEventDestination,
    signal?: AbortSignal,
  ): Promise<Created> {
    return (await load.extras()).addEventDestination(this.#api, eventId, destination, signal);
  }

  /** An event's SRT credentials: Business and Enterprise plans (stream.read). Secrets. */
  async getEventSrtKey(id: string, signal?: AbortSignal): Promise<SrtStreamKey> {
    return (await load.extras()).getEventSrtKey(this.#api, id, signal);
  }

  /** Transcriptions of an event's recordings (storage.read). */
  async listEventTranscriptions(id: string, signal?: AbortSignal): Promise<TranscriptionList> {
    return (await load.extras()).listEventTranscriptions(this.#api, id, signal);
  }

  /** Viewer analytics of an event, in total and by channel (stream.read). */
  async getEventViewerAnalytics(id: string, signal?: AbortSignal): Promise<ViewerAnalytics> {
    return (await load.extras()).getEventViewerAnalytics(this.#api, id, signal);
  }

  /** Chat analytics of an event; a 404 when it has none (stream.read). */
  async getEventMessageAnalytics(id: string, signal?: AbortSignal): Promise<MessageAnalytics> {
    return (await load.extras()).getEventMessageAnalytics(this.#api, id, signal);
  }

  /** One page of an event's chat history (chat.read). */
  async getEventChatHistory(
    id: string,
    options?: extras.ChatHistoryOptions,
  ): Promise<ChatHistoryPage> {
    return (await load.extras()).getEventChatHistory(this.#api, id, options);
  }

  /**
   * Every page of an event's chat history, following `nextPageToken` (chat.read); stops as
   * {@link RestreamClient.iterateEventHistory} does.
   */
  async *iterateEventChat(
    id: string,
    options?: extras.ChatHistoryOptions,
  ): AsyncGenerator<ChatHistoryPage, void, undefined> {
    yield* (await load.extras()).iterateEventChat(this.#api, id, options);
  }

  /** Lists streaming platforms. Public: no token needed. */
  async listPlatforms(signal?: AbortSignal): Promise<Platform[]> {
    return (await load.account()).listPlatforms(this.#api, signal);
  }

  /** Lists ingest servers. Public: no token needed. */
  async listServers(signal?: AbortSignal): Promise<Server[]> {
    return (await load.account()).listServers(this.#api, signal);
  }

  /** The ingest server the account streams to (`{ingestId}`, an id of {@link RestreamClient.listServers}) (channels.read). */
  async getIngest(signal?: AbortSignal): Promise<Ingest> {
    return (await load.account()).getIngest(this.#api, signal);
  }

  /** The URL of the account's embeddable web chat (chat.read). */
  async getWebchatUrl(signal?: AbortSignal): Promise<WebchatUrl> {
    return (await load.account()).getWebchatUrl(this.#api, signal);
  }

  /** Lists the files in the account's video storage (storage.read). */
  async listStorageFiles(signal?: AbortSignal): Promise<StorageFile[]> {
    return (await load.storage()).listStorageFiles(this.#api, signal);
  }

  /** One video storage file (storage.read). */
  async getStorageFile(id: string, signal?: AbortSignal): Promise<StorageFile> {
    return (await load.storage()).getStorageFile(this.#api, id, signal);
  }

  /** A short-lived link to download a storage file (fetch it without a token) (storage.read). */
  async getStorageFileDownloadUrl(id: string, signal?: AbortSignal): Promise<DownloadUrl> {
    return (await load.storage()).getStorageFileDownloadUrl(this.#api, id, signal);
  }

  /** One page of clip projects; follow `pagination.nextCursor` while `hasMore` (clips.read). */
  async listClipProjects(
    query?: clips.ClipProjectQuery,
    signal?: AbortSignal,
  ): Promise<ClipProjectPage> {
    return (await load.clips()).listClipProjects(this.#api, query, signal);
  }

  /**
   * Every page of clip projects, following `pagination.nextCursor` (clips.read); stops as
   * {@link RestreamClient.iterateEventHistory} does (warnings go to `paging.onWarning`).
   */
  async *iterateClipProjects(
    query?: clips.ClipProjectQuery,
    signal?: AbortSignal,
    paging?: PagingOptions,
  ): AsyncGenerator<ClipProjectPage, void, undefined> {
    yield* (await load.clips()).iterateClipProjects(this.#api, query, signal, paging);
  }

  /** A clip project with its clips (clips.read). */
  async getClipProject(id: string, signal?: AbortSignal): Promise<ClipProjectDetail> {
    return (await load.clips()).getClipProject(this.#api, id, signal);
  }

  /**
   * Starts generating clips from a storage video (clips.write). A 409
   * `ClipsInputAlreadyProcessed` (the whole video was clipped before) is not an error: it
   * comes back as `alreadyProcessed`.
   */
  async createClipProject(
    input: clips.ClipProjectInput,
    signal?: AbortSignal,
  ): Promise<ClipProjectCreated> {
    return (await load.clips()).createClipProject(this.#api, input, signal);
  }

  /** A short-lived link to download one clip (clips.read). */
  async getClipDownloadUrl(clipId: string, signal?: AbortSignal): Promise<DownloadUrl> {
    return (await load.clips()).getClipDownloadUrl(this.#api, clipId, signal);
  }

  /** A one-time link to download an event's whole chat history (chat.read). */
  async getEventChatDownloadUrl(eventId: string, signal?: AbortSignal): Promise<DownloadUrl> {
    return (await load.media()).getEventChatDownloadUrl(this.#api, eventId, signal);
  }

  /** An event's recordings: primary videos, secondary videos, audio (storage.read). */
  async listEventRecordings(eventId: string, signal?: AbortSignal): Promise<EventRecordings> {
    return (await load.media()).listEventRecordings(this.#api, eventId, signal);
  }

  /** A short-lived link to download one recording of an event (storage.read). */
  async getEventRecordingDownloadUrl(
    eventId: string,
    fileName: string,
    signal?: AbortSignal,
  ): Promise<DownloadUrl> {
    return (await load.media()).getEventRecordingDownloadUrl(this.#api, eventId, fileName, signal);
  }
}
