/**
 * AI clips made from stored videos: projects (cursor-paged), their clips, starting a
 * project, and clip download links.
 *
 * @module
 */

import * as v from "../valibot.ts";
import { RestreamError } from "../errors.ts";
import { type DownloadUrl, DownloadUrlSchema } from "../schemas/account.ts";
import {
  type ClipProjectCreated,
  type ClipProjectDetail,
  ClipProjectDetailSchema,
  type ClipProjectPage,
  ClipProjectPageSchema,
} from "../schemas/clip.ts";
import type { ApiCore } from "./core.ts";
import { checkId, idSegment } from "../ids.ts";
import { followPages, type PagingOptions } from "./pages.ts";

/** Query of {@link listClipProjects}. */
export interface ClipProjectQuery {
  /** Projects per page, at most 100. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
  /** Order: newest created first (`CreatedAt`, the API's default) or by `LastActivity`. */
  sortBy?: "CreatedAt" | "LastActivity";
}

/** Input of {@link createClipProject}. */
export interface ClipProjectInput {
  /** The video storage file to clip. */
  videoStorageFileId: string;
  /** Project title. */
  title?: string;
  /** Clip only this span of the video (seconds from its start). */
  selectedTimeRange?: { startSeconds: number; endSeconds: number };
  /** Clip the whole video again although it was clipped before. */
  forceReprocess?: boolean;
}

const READ = "clips.read";

/** Any body: an object is kept as sent, anything else (an empty body too) becomes `{}`. */
const AnyRecordSchema = v.pipe(
  v.unknown(),
  v.transform((body): Record<string, unknown> =>
    body !== null && typeof body === "object" && !Array.isArray(body)
      ? body as Record<string, unknown>
      : {}
  ),
);

/** GET /v2/user/clips/projects: one page; follow `pagination.nextCursor` while `hasMore`. */
export function listClipProjects(
  api: ApiCore,
  query: ClipProjectQuery = {},
  signal?: AbortSignal,
): Promise<ClipProjectPage> {
  return api.get("/v2/user/clips/projects", ClipProjectPageSchema, {
    query: { limit: query.limit, cursor: query.cursor, sortBy: query.sortBy },
    scope: READ,
    signal,
  });
}

/** The cursor of the page after this one; undefined on the last page. */
export function nextClipCursor(page: ClipProjectPage): string | undefined {
  const pagination = page.pagination;
  if (!pagination || pagination.hasMore === false) return undefined;
  return pagination.nextCursor || undefined;
}

/** Every page of clip projects from `query.cursor` on, following `nextCursor`. */
export function iterateClipProjects(
  api: ApiCore,
  query: ClipProjectQuery = {},
  signal?: AbortSignal,
  paging: PagingOptions = {},
): AsyncGenerator<ClipProjectPage, void, undefined> {
  return followPages({
    first: query.cursor,
    fetchPage: (cursor) => listClipProjects(api, { ...query, cursor }, signal),
    next: nextClipCursor,
    items: (page) => page.projects,
    onWarning: paging.onWarning,
  });
}

/** GET /v2/user/clips/projects/{id}: a project with its clips. */
export async function getClipProject(
  api: ApiCore,
  id: string,
  signal?: AbortSignal,
): Promise<ClipProjectDetail> {
  return await api.get(
    `/v2/user/clips/projects/${idSegment("clip project id", id)}`,
    ClipProjectDetailSchema,
    {
      resource: `clip project ${id}`,
      scope: READ,
      signal,
    },
  );
}

/**
 * POST /v2/user/clips/projects. A 409 `ClipsInputAlreadyProcessed` (the whole video was
 * clipped before) is not an error: it comes back as `alreadyProcessed`.
 */
export async function createClipProject(
  api: ApiCore,
  input: ClipProjectInput,
  signal?: AbortSignal,
): Promise<ClipProjectCreated> {
  checkId("storage file id", input.videoStorageFileId);
  const json = { sourceType: "VideoStorageFile", ...input };
  try {
    const response = await api.send("POST", "/v2/user/clips/projects", json, {
      resource: `storage file ${input.videoStorageFileId}`,
      scope: "clips.write",
      signal,
    }, AnyRecordSchema);
    return { alreadyProcessed: false, response };
  } catch (error) {
    if (isAlreadyProcessed(error)) return { alreadyProcessed: true, response: {} };
    throw error;
  }
}

/** GET /v2/user/clips/{clipId}/download: a short-lived link. */
export async function getClipDownloadUrl(
  api: ApiCore,
  clipId: string,
  signal?: AbortSignal,
): Promise<DownloadUrl> {
  return await api.get(
    `/v2/user/clips/${idSegment("clip id", clipId)}/download`,
    DownloadUrlSchema,
    {
      resource: `clip ${clipId}`,
      scope: READ,
      signal,
    },
  );
}

/** The API's harmless 409: the whole video was already clipped. */
function isAlreadyProcessed(error: unknown): boolean {
  if (!(error instanceof RestreamError) || error.status !== 409) return false;
  const said = `${error.code ?? ""} ${error.message}`.replace(/[_\s-]/g, "").toLowerCase();
  return said.includes("alreadyprocessed");
}
