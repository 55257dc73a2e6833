/**
 * Ingest servers (GET /v2/server/all).
 *
 * @module
 */

import * as v from "../valibot.ts";

/** One ingest server. */
export interface Server {
  /** Server id (the user's ingest is one of these). */
  id: number;
  /** Display name, e.g. "EU-West (London)". */
  name: string;
  /** Host name. */
  url?: string | null;
  /** RTMP ingest URL. */
  rtmpUrl?: string | null;
  /** Latitude; the API sends a string. */
  latitude?: string | number | null;
  /** Longitude; the API sends a string. */
  longitude?: string | number | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

const Coordinate = v.optional(v.nullable(v.union([v.string(), v.number()])));

/** Schema of one ingest server; unknown fields are kept. */
export const ServerSchema: v.GenericSchema<unknown, Server> = v.looseObject({
  id: v.number(),
  name: v.string(),
  url: v.optional(v.nullable(v.string())),
  rtmpUrl: v.optional(v.nullable(v.string())),
  latitude: Coordinate,
  longitude: Coordinate,
});

/** Schema of the server list. */
export const ServerListSchema: v.GenericSchema<unknown, Server[]> = v.array(ServerSchema);
