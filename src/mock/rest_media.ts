/**
 * REST routes of storage and clips: storage files and their one-time download URLs, clip
 * projects with cursor pagination, a project's clips, clip downloads and creating projects
 * (409 `ClipsInputAlreadyProcessed` for a file already clipped). Times are ISO strings.
 *
 * @module
 */

import { decodeCursor, encodeCursor, stableUuid } from "./ids.ts";
import { intParam, readJson, type RestContext, type RestRoute } from "./rest_helpers.ts";
import { badRequest, envelope, json, notFound } from "./respond.ts";
import type { MockClipProject, MockStorageFile } from "./seed.ts";

function findFile(ctx: RestContext, id: string): MockStorageFile | Response {
  return ctx.state.data.files.find((f) => f.id === id) ??
    notFound("StorageFileNotFound", "storage_file_not_found");
}

function fileDownload(ctx: RestContext): Response {
  const file = findFile(ctx, ctx.params.id);
  if (file instanceof Response) return file;
  if (file.status !== "Ready") {
    return envelope(409, "StorageFileNotReady", "storage_file_not_ready");
  }
  const downloadUrl = ctx.state.downloads.add({
    contentType: "video/mp4",
    body: `mock file ${file.title}\n`,
  });
  return json(200, { downloadUrl });
}

function cursorOf(index: number): string {
  return encodeCursor(`project:${index}`);
}

function listProjects(ctx: RestContext): Response {
  const limit = intParam(ctx.url, "limit", 20, 1, 100);
  if (limit instanceof Response) return limit;
  const sortBy = ctx.url.searchParams.get("sortBy") ?? "CreatedAt";
  if (sortBy !== "CreatedAt" && sortBy !== "LastActivity") {
    return badRequest('"sortBy" must be CreatedAt or LastActivity');
  }
  let start = 0;
  const cursor = ctx.url.searchParams.get("cursor");
  if (cursor) {
    const decoded = /^project:(\d+)$/.exec(decodeCursor(cursor) ?? "");
    if (!decoded) return badRequest('"cursor" is invalid');
    start = Number(decoded[1]);
  }
  const key = (p: MockClipProject): string =>
    sortBy === "CreatedAt" ? p.summary.createdAt : p.lastActivityAt;
  const sorted = [...ctx.state.data.projects].sort((a, b) => key(b).localeCompare(key(a)));
  const end = start + limit;
  const hasMore = end < sorted.length;
  return json(200, {
    projects: sorted.slice(start, end).map((p) => p.summary),
    pagination: { nextCursor: hasMore ? cursorOf(end) : null, hasMore },
  });
}

function findProject(ctx: RestContext): MockClipProject | Response {
  return ctx.state.data.projects.find((p) => p.summary.projectId === ctx.params.id) ??
    notFound("ClipsProjectNotFound", "clips_project_not_found");
}

async function createProject(ctx: RestContext): Promise<Response> {
  const body = await readJson(ctx.req);
  if (body instanceof Response) return body;
  const { sourceType, videoStorageFileId, title, forceReprocess } = body;
  if (sourceType !== "VideoStorageFile") {
    return badRequest('"sourceType" must be "VideoStorageFile"');
  }
  if (typeof videoStorageFileId !== "string") return badRequest('"videoStorageFileId" is required');
  if (typeof title !== "string" || title === "") return badRequest('"title" is required');
  const file = findFile(ctx, videoStorageFileId);
  if (file instanceof Response) return file;
  const data = ctx.state.data;
  const existing = data.projects.find((p) => p.summary.sourceIdentifier === file.id);
  if (existing && forceReprocess !== true) {
    return envelope(409, "ClipsInputAlreadyProcessed", "clips_input_already_processed");
  }
  const now = new Date(ctx.state.now()).toISOString();
  const projectId = stableUuid(`project-created-${data.projects.length}-${ctx.state.now()}`);
  data.projects.push({
    summary: {
      projectId,
      sourceTypeName: "VideoStorageFile",
      sourceIdentifier: file.id,
      title,
      clipsCount: 0,
      clipThumbnails: [],
      generatingClipsNow: true,
      createdAt: now,
    },
    lastActivityAt: now,
    clips: [],
    postedClips: [],
  });
  return json(201, { projectId });
}

function clipDownload(ctx: RestContext): Response {
  const clip = ctx.state.data.projects.flatMap((p) => p.clips).find((c) =>
    c.clipId === ctx.params.clipId
  );
  if (!clip) return notFound("ClipNotFound", "clip_not_found");
  const downloadUrl = ctx.state.downloads.add({
    contentType: "video/mp4",
    body: `mock clip ${clip.name}\n`,
  });
  return json(200, { downloadUrl });
}

/** The storage and clips routes. */
export const MEDIA_ROUTES: RestRoute[] = [
  {
    method: "GET",
    path: "/user/storage/files",
    scope: "storage.read",
    handle: (ctx) => json(200, { files: ctx.state.data.files }),
  },
  {
    method: "GET",
    path: "/user/storage/files/:id",
    scope: "storage.read",
    handle: (ctx) => {
      const file = findFile(ctx, ctx.params.id);
      return file instanceof Response ? file : json(200, file);
    },
  },
  {
    method: "POST",
    path: "/user/storage/files/:id/download-url",
    scope: "storage.read",
    handle: fileDownload,
  },
  { method: "GET", path: "/user/clips/projects", scope: "clips.read", handle: listProjects },
  { method: "POST", path: "/user/clips/projects", scope: "clips.write", handle: createProject },
  {
    method: "GET",
    path: "/user/clips/projects/:id",
    scope: "clips.read",
    handle: (ctx) => {
      const project = findProject(ctx);
      if (project instanceof Response) return project;
      return json(200, {
        generatingClipsNow: project.summary.generatingClipsNow,
        clips: project.clips,
        postedClips: project.postedClips,
      });
    },
  },
  {
    method: "GET",
    path: "/user/clips/:clipId/download",
    scope: "clips.read",
    handle: clipDownload,
  },
];
