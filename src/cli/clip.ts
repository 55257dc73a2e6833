/**
 * `clip projects|project|create|download`: AI clips made from stored videos.
 *
 * @module
 */

import type { ClipProjectInput } from "../client/clips.ts";
import { UsageError } from "../errors.ts";
import type { Clip, ClipProject } from "../schemas/clip.ts";
import type { CliContext } from "./context.ts";
import { type DownloadFlags, runDownload } from "./download_command.ts";
import { formatTableTime } from "./format.ts";
import type { Column } from "./output.ts";
import { morePagesHint } from "./paging.ts";
import { formatSeconds } from "./storage.ts";

const PROJECT_COLUMNS: Column<ClipProject>[] = [
  { header: "ID", value: (p) => p.projectId, keep: true },
  {
    header: "TITLE",
    value: (p) => p.title ?? "",
    color: (t, _p, style) => style.cyan(t),
    min: 20,
  },
  { header: "SOURCE", value: (p) => sourceName(p.sourceTypeName), keep: true, priority: 1 },
  {
    header: "CLIPS",
    value: (p) => p.clipsCount == null ? "" : String(p.clipsCount),
    keep: true,
    priority: 4,
  },
  {
    header: "GENERATING",
    value: (p) => p.generatingClipsNow ? "yes" : "",
    keep: true,
    priority: 2,
  },
  { header: "CREATED", value: (p) => formatTableTime(p.createdAt), keep: true, priority: 3 },
];

const CLIP_COLUMNS: Column<Clip>[] = [
  { header: "ID", value: (c) => c.clipId, keep: true },
  { header: "NAME", value: (c) => c.name ?? "", color: (t, _c, style) => style.cyan(t), min: 20 },
  {
    header: "SCORE",
    value: (c) => c.viralityScore == null ? "" : String(c.viralityScore),
    keep: true,
    priority: 4,
  },
  { header: "FROM", value: (c) => formatSeconds(c.sourceStartSeconds), keep: true, priority: 3 },
  { header: "TO", value: (c) => formatSeconds(c.sourceEndSeconds), keep: true, priority: 3 },
  { header: "CREATED", value: (c) => formatTableTime(c.createdAt), keep: true, priority: 1 },
];

const SORTS = { created: "CreatedAt", activity: "LastActivity" } as const;

/** Source kinds the API names in code (`VideoStorageFile`), in words. */
const SOURCE_NAMES: Readonly<Record<string, string>> = { VideoStorageFile: "stored video" };

/** A project's source in words: `stored video`; an unknown kind split into words. */
export function sourceName(kind: string | null | undefined): string {
  if (!kind) return "";
  return SOURCE_NAMES[kind] ?? kind.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** `clip projects [--sort created|activity] [--limit N] [--all]`. */
export async function listClipProjects(
  ctx: CliContext,
  options: { sort?: keyof typeof SORTS; limit?: number; all?: true },
): Promise<void> {
  // Loaded with the client by now; imported here to keep it out of start-up.
  const { nextClipCursor } = await import("../client/clips.ts");
  const client = ctx.authenticatedClient();
  const sortBy = options.sort === undefined ? undefined : SORTS[options.sort];
  const projects: ClipProject[] = [];
  const query = { limit: options.limit, sortBy };
  const paging = { onWarning: ctx.warn };
  let more = false;
  for await (const page of client.iterateClipProjects(query, ctx.io.signal, paging)) {
    projects.push(...page.projects);
    if (options.all) continue;
    more = nextClipCursor(page) !== undefined;
    break;
  }
  ctx.output.printList(projects, PROJECT_COLUMNS);
  if (more) morePagesHint(ctx.output, "projects");
}

/** `clip project <id>`. */
export async function showClipProject(ctx: CliContext, id: string): Promise<void> {
  const project = await ctx.authenticatedClient().getClipProject(id, ctx.io.signal);
  if (ctx.globals.json) return ctx.output.printJson(project);
  ctx.output.printTable(project.clips, CLIP_COLUMNS);
  if (project.generatingClipsNow) ctx.output.notice("more clips are being generated");
}

/** The flags of `clip create`. */
export interface CreateClipFlags {
  /** Storage file id of the video. */
  file: string;
  /** Project title. */
  title?: string;
  /** Start of the span, in seconds. */
  from?: number;
  /** End of the span, in seconds. */
  to?: number;
  /** Clip again although clipped before. */
  forceReprocess?: true;
}

/** `clip create --file <id> [--title T] [--from T --to T] [--force-reprocess]`. */
export async function createClips(ctx: CliContext, options: CreateClipFlags): Promise<void> {
  const input: ClipProjectInput = { videoStorageFileId: options.file };
  if (options.title !== undefined) input.title = options.title;
  if ((options.from === undefined) !== (options.to === undefined)) {
    throw new UsageError("--from and --to go together");
  }
  if (options.from !== undefined && options.to !== undefined) {
    if (options.to <= options.from) throw new UsageError("--to must be after --from");
    input.selectedTimeRange = { startSeconds: options.from, endSeconds: options.to };
  }
  if (options.forceReprocess) input.forceReprocess = true;
  const result = await ctx.authenticatedClient().createClipProject(input, ctx.io.signal);
  if (ctx.globals.json) {
    ctx.output.printJson({
      ...result.response,
      ...input,
      alreadyProcessed: result.alreadyProcessed,
    });
  } else if (result.alreadyProcessed) {
    ctx.output.notice(
      "this video was already clipped: nothing new started (--force-reprocess clips it again)",
    );
  } else {
    ctx.output.notice(`clip generation started for ${options.file}; see 'restream clip projects'`);
  }
}

/** `clip download <clip-id>`. */
export async function downloadClip(
  ctx: CliContext,
  clipId: string,
  flags: DownloadFlags,
): Promise<void> {
  const client = ctx.authenticatedClient();
  await runDownload(ctx, flags, {
    link: async () => (await client.getClipDownloadUrl(clipId, ctx.io.signal)).downloadUrl,
    name: () => `clip-${clipId}`,
    label: clipId,
    report: { clipId },
  });
}
