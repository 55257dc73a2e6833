/**
 * Small account resources: the ingest server (GET /v2/user/ingest) and the web chat URL
 * (GET /v2/user/webchat/url).
 *
 * @module
 */

import * as v from "../valibot.ts";

/** The ingest server the account streams to. */
export interface Ingest {
  /** An id from the server list (GET /v2/server/all). */
  ingestId: number;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** Schema of the ingest answer; unknown fields are kept. */
export const IngestSchema: v.GenericSchema<unknown, Ingest> = v.looseObject({
  ingestId: v.number(),
});

/** The account's embeddable web chat. */
export interface WebchatUrl {
  /** URL of the chat page. */
  webchatUrl: string;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** Schema of the web chat answer; unknown fields are kept. */
export const WebchatUrlSchema: v.GenericSchema<unknown, WebchatUrl> = v.looseObject({
  webchatUrl: v.string(),
});

/** A short-lived download link (storage files, clips, recordings, chat exports). */
export interface DownloadUrl {
  /** Fetch it without an Authorization header; it may work only once. */
  downloadUrl: string;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** Schema of a download-link answer; unknown fields are kept. */
export const DownloadUrlSchema: v.GenericSchema<unknown, DownloadUrl> = v.looseObject({
  downloadUrl: v.pipe(v.string(), v.url()),
});
