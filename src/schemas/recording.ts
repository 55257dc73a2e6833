/**
 * Event recordings (GET /v2/user/events/{id}/recordings).
 *
 * @module
 */

import * as v from "../valibot.ts";

/** One recorded file of an event. */
export interface Recording {
  /** File name; pass it to ask for a download link. */
  fileName: string;
  /** When the recording is deleted (ISO string). */
  expiresAt?: string | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

const RecordingSchema: v.GenericSchema<unknown, Recording> = v.looseObject({
  fileName: v.string(),
  expiresAt: v.optional(v.nullable(v.string())),
});

const RecordingList = v.optional(v.array(RecordingSchema), []);

/** An event's recordings, by kind. */
export interface EventRecordings {
  /** Recordings of the main video. */
  primaryVideos: Recording[];
  /** Recordings of secondary videos (e.g. the vertical one). */
  secondaryVideos: Recording[];
  /** Audio-only recordings. */
  audio: Recording[];
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** Schema of an event's recordings; a missing kind reads as an empty list. */
export const EventRecordingsSchema: v.GenericSchema<unknown, EventRecordings> = v.looseObject({
  primaryVideos: RecordingList,
  secondaryVideos: RecordingList,
  audio: RecordingList,
});
