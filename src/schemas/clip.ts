/**
 * Clip projects and clips (GET/POST /v2/user/clips/projects, GET /v2/user/clips/…).
 *
 * @module
 */

import * as v from "../valibot.ts";

/** One clip project: clips generated from one source video. */
export interface ClipProject {
  /** Project id. */
  projectId: string;
  /** What the clips come from, e.g. `Event` or `VideoStorageFile`. */
  sourceTypeName?: string | null;
  /** Id of the source (an event or storage file id). */
  sourceIdentifier?: string | null;
  /** Project title. */
  title?: string | null;
  /** Number of clips. */
  clipsCount?: number | null;
  /** Thumbnail URLs of the clips. */
  clipThumbnails?: string[] | null;
  /** True while more clips are being generated. */
  generatingClipsNow?: boolean | null;
  /** When the project was created (ISO string). */
  createdAt?: string | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

const OptionalString = v.optional(v.nullable(v.string()));

/** Schema of one clip project; unknown fields are kept. */
export const ClipProjectSchema: v.GenericSchema<unknown, ClipProject> = v.looseObject({
  projectId: v.string(),
  sourceTypeName: OptionalString,
  sourceIdentifier: OptionalString,
  title: OptionalString,
  clipsCount: v.optional(v.nullable(v.number())),
  clipThumbnails: v.optional(v.nullable(v.array(v.string()))),
  generatingClipsNow: v.optional(v.nullable(v.boolean())),
  createdAt: OptionalString,
});

/** Cursor pagination of the project list. */
export interface CursorPagination {
  /** Pass as `cursor` for the next page. */
  nextCursor?: string | null;
  /** True when another page exists. */
  hasMore?: boolean | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** One page of clip projects. */
export interface ClipProjectPage {
  /** The projects of this page. */
  projects: ClipProject[];
  /** Where the next page starts. */
  pagination?: CursorPagination | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** Schema of a page of clip projects. */
export const ClipProjectPageSchema: v.GenericSchema<unknown, ClipProjectPage> = v.looseObject({
  projects: v.array(ClipProjectSchema),
  pagination: v.optional(v.nullable(v.looseObject({
    nextCursor: OptionalString,
    hasMore: v.optional(v.nullable(v.boolean())),
  }))),
});

/** One generated clip. */
export interface Clip {
  /** Clip id (for `clip download`). */
  clipId: string;
  /** Clip title. */
  name?: string | null;
  /** 0–100: how likely the clip is to do well. */
  viralityScore?: number | null;
  /** Start in the source video, seconds. */
  sourceStartSeconds?: number | null;
  /** End in the source video, seconds. */
  sourceEndSeconds?: number | null;
  /** When the clip was created (ISO string). */
  createdAt?: string | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** Schema of one clip; unknown fields are kept. */
export const ClipSchema: v.GenericSchema<unknown, Clip> = v.looseObject({
  clipId: v.string(),
  name: OptionalString,
  viralityScore: v.optional(v.nullable(v.number())),
  sourceStartSeconds: v.optional(v.nullable(v.number())),
  sourceEndSeconds: v.optional(v.nullable(v.number())),
  createdAt: OptionalString,
});

/** A clip project with its clips. */
export interface ClipProjectDetail {
  /** True while more clips are being generated. */
  generatingClipsNow?: boolean | null;
  /** The clips. */
  clips: Clip[];
  /** Where clips were posted (kept as sent). */
  postedClips?: unknown[] | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** Schema of a clip project with its clips. */
export const ClipProjectDetailSchema: v.GenericSchema<unknown, ClipProjectDetail> = v
  .looseObject({
    generatingClipsNow: v.optional(v.nullable(v.boolean())),
    clips: v.array(ClipSchema),
    postedClips: v.optional(v.nullable(v.array(v.unknown()))),
  });

/** What POST /v2/user/clips/projects answered. */
export interface ClipProjectCreated {
  /**
   * True when the API answered 409 `ClipsInputAlreadyProcessed`: the whole video was clipped
   * before, nothing new was started (harmless; `forceReprocess` starts over).
   */
  alreadyProcessed: boolean;
  /** The response body (kept as sent; empty object when none came). */
  response: Record<string, unknown>;
}
