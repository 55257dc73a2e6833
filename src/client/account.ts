/**
 * The account's own resources, and the public lists every account shares: profile, default
 * stream key, ingest server, web chat URL, platforms and ingest servers.
 *
 * @module
 */

import {
  type Ingest,
  IngestSchema,
  type WebchatUrl,
  WebchatUrlSchema,
} from "../schemas/account.ts";
import { type Platform, PlatformListSchema } from "../schemas/platform.ts";
import { type Profile, ProfileSchema } from "../schemas/profile.ts";
import { type Server, ServerListSchema } from "../schemas/server.ts";
import {
  registerStreamKeySecrets,
  type StreamKey,
  StreamKeySchema,
} from "../schemas/stream_key.ts";
import type { ApiCore } from "./core.ts";

/** GET /v2/platform/all: public, no token sent. */
export function listPlatforms(api: ApiCore, signal?: AbortSignal): Promise<Platform[]> {
  return api.get("/v2/platform/all", PlatformListSchema, { auth: false, signal });
}

/** GET /v2/server/all: public, no token sent. */
export function listServers(api: ApiCore, signal?: AbortSignal): Promise<Server[]> {
  return api.get("/v2/server/all", ServerListSchema, { auth: false, signal });
}

/** GET /v2/user/profile. */
export function getProfile(api: ApiCore, signal?: AbortSignal): Promise<Profile> {
  return api.get("/v2/user/profile", ProfileSchema, { scope: "profile.read", signal });
}

/** GET /v2/user/streamKey: a secret; the pipeline logs only the URL. */
export function getStreamKey(api: ApiCore, signal?: AbortSignal): Promise<StreamKey> {
  return api.get("/v2/user/streamKey", StreamKeySchema, { scope: "stream.read", signal })
    .then(registerStreamKeySecrets);
}

/** GET /v2/user/ingest: `{ingestId}`, an id of the server list. */
export function getIngest(api: ApiCore, signal?: AbortSignal): Promise<Ingest> {
  return api.get("/v2/user/ingest", IngestSchema, { scope: "channels.read", signal });
}

/** GET /v2/user/webchat/url. */
export function getWebchatUrl(api: ApiCore, signal?: AbortSignal): Promise<WebchatUrl> {
  return api.get("/v2/user/webchat/url", WebchatUrlSchema, { scope: "chat.read", signal });
}
