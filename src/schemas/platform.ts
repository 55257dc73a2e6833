/**
 * Streaming platforms (GET /v2/platform/all).
 *
 * @module
 */

import * as v from "../valibot.ts";

/** Logo URLs of a platform. */
export interface PlatformImage {
  /** PNG logo. */
  png?: string | null;
  /** SVG logo. */
  svg?: string | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** One streaming platform (Twitch, YouTube…). */
export interface Platform {
  /** Platform id, referenced by channels as `streamingPlatformId`. */
  id: number;
  /** Display name. */
  name: string;
  /** Home page. */
  url?: string | null;
  /** Logo. */
  image?: PlatformImage | null;
  /** Alternative logo, not always present. */
  altImage?: PlatformImage | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

const ImageSchema = v.looseObject({
  png: v.optional(v.nullable(v.string())),
  svg: v.optional(v.nullable(v.string())),
});

/** Schema of one platform; unknown fields are kept. */
export const PlatformSchema: v.GenericSchema<unknown, Platform> = v.looseObject({
  id: v.number(),
  name: v.string(),
  url: v.optional(v.nullable(v.string())),
  image: v.optional(v.nullable(ImageSchema)),
  altImage: v.optional(v.nullable(ImageSchema)),
});

/** Schema of the platform list. */
export const PlatformListSchema: v.GenericSchema<unknown, Platform[]> = v.array(PlatformSchema);
