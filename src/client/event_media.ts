/**
 * Files an event leaves behind: its recordings and their download links, and the one-time
 * link to its whole chat history.
 *
 * @module
 */

import { type DownloadUrl, DownloadUrlSchema } from "../schemas/account.ts";
import { type EventRecordings, EventRecordingsSchema } from "../schemas/recording.ts";
import type { ApiCore } from "./core.ts";
import { eventPath } from "./events.ts";
import { checkId } from "../ids.ts";

/** GET /v2/user/events/{id}/recordings: primary videos, secondary videos, audio. */
export async function listEventRecordings(
  api: ApiCore,
  eventId: string,
  signal?: AbortSignal,
): Promise<EventRecordings> {
  return await api.get(`${eventPath(eventId)}/recordings`, EventRecordingsSchema, {
    resource: `event ${eventId}`,
    scope: "storage.read",
    signal,
  });
}

/** POST /v2/user/events/{id}/recordings/download-url `{fileName}`: a short-lived link. */
export async function getEventRecordingDownloadUrl(
  api: ApiCore,
  eventId: string,
  fileName: string,
  signal?: AbortSignal,
): Promise<DownloadUrl> {
  checkId("recording file name", fileName);
  return await api.send("POST", `${eventPath(eventId)}/recordings/download-url`, { fileName }, {
    resource: `recording ${fileName} of event ${eventId}`,
    scope: "storage.read",
    signal,
  }, DownloadUrlSchema);
}

/** POST /v2/user/events/{id}/chat/history/download-url: a one-time link, no token needed. */
export async function getEventChatDownloadUrl(
  api: ApiCore,
  eventId: string,
  signal?: AbortSignal,
): Promise<DownloadUrl> {
  return await api.send("POST", `${eventPath(eventId)}/chat/history/download-url`, undefined, {
    resource: `event ${eventId}`,
    scope: "chat.read",
    signal,
  }, DownloadUrlSchema);
}
