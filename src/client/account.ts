/**
 * The account's own resources: profile and default stream key.
 *
 * @module
 */

import { type Profile, ProfileSchema } from "../schemas/profile.ts";
import { type StreamKey, StreamKeySchema } from "../schemas/stream_key.ts";
import type { ApiCore } from "./core.ts";

/** GET /v2/user/profile. */
export function getProfile(api: ApiCore, signal?: AbortSignal): Promise<Profile> {
  return api.get("/v2/user/profile", ProfileSchema, { scope: "profile.read", signal });
}

/** GET /v2/user/streamKey: a secret; the pipeline logs only the URL. */
export function getStreamKey(api: ApiCore, signal?: AbortSignal): Promise<StreamKey> {
  return api.get("/v2/user/streamKey", StreamKeySchema, { scope: "stream.read", signal });
}
