/**
 * The specs (beyond their entries in ../tree.ts) of `storage …` and `clip …` (handlers:
 * ../storage.ts, ../clip.ts).
 *
 * @module
 */

import { oneOf, parseLimit } from "../args.ts";
import type { CreateClipFlags } from "../clip.ts";
import type { DownloadFlags } from "../download_command.ts";
import { parseClipId, parseProjectId, parseStorageFileId, parseVideoTime } from "../ids.ts";
import type { ArgSpec, CommandBody } from "../spec.ts";
import { DOWNLOAD_FLAGS } from "./download.ts";

const FILE_ID: ArgSpec = { name: "id", summary: "storage file id", parse: parseStorageFileId };
/** A stored video of `restream mock serve`. */
const FILE = "933d687d-2ba2-48c3-a7ab-ed3e5e25a0ae";

/** `storage` and its subcommands. */
export const STORAGE: CommandBody = {
  subcommands: [
    {
      name: "list",
      summary: "list the stored video files",
      examples: ["restream storage list"],
      run: async (ctx) => (await import("../storage.ts")).listStorage(ctx),
    },
    {
      name: "get",
      summary: "one stored file",
      args: [FILE_ID],
      examples: [`restream storage get ${FILE}`],
      run: async (ctx, { args }) =>
        (await import("../storage.ts")).showStorageFile(ctx, args.id as string),
    },
    {
      name: "download",
      summary: "download a stored file (default name: the file's title)",
      args: [FILE_ID],
      flags: DOWNLOAD_FLAGS,
      examples: [
        `restream storage download ${FILE}`,
        `restream storage download ${FILE} -o . --force`,
      ],
      run: async (ctx, { args, flags }) =>
        (await import("../storage.ts")).downloadStorageFile(
          ctx,
          args.id as string,
          flags as DownloadFlags,
        ),
    },
  ],
};

/** `clip` and its subcommands. */
export const CLIP: CommandBody = {
  subcommands: [
    {
      name: "projects",
      summary: "list clip projects (newest first, or by last activity)",
      flags: [
        {
          long: "sort",
          type: "string",
          summary: "order",
          choices: ["created", "activity"],
          parse: (v) => oneOf(v, ["created", "activity"], "--sort"),
        },
        { long: "limit", type: "int", summary: "projects per page (1-100)", parse: parseLimit },
        { long: "all", summary: "follow every page" },
      ],
      examples: ["restream clip projects", "restream clip projects --sort activity --all --json"],
      run: async (ctx, { flags }) =>
        (await import("../clip.ts")).listClipProjects(
          ctx,
          flags as { sort?: "created" | "activity"; limit?: number; all?: true },
        ),
    },
    {
      name: "project",
      summary: "one clip project and its clips",
      args: [{ name: "id", summary: "project id", parse: parseProjectId }],
      examples: ["restream clip project 8748ee74-dd85-43d0-ac58-14c2ffb54894"],
      run: async (ctx, { args }) =>
        (await import("../clip.ts")).showClipProject(ctx, args.id as string),
    },
    {
      name: "create",
      summary: "generate clips from a stored video (all of it, or --from/--to)",
      flags: [
        {
          long: "file",
          type: "id",
          summary: "storage file id of the video",
          parse: parseStorageFileId,
          required: true,
        },
        { long: "title", type: "string", summary: "project title" },
        {
          long: "from",
          type: "time",
          summary: "start of the span to clip (seconds or 1:02:03)",
          parse: (v) => parseVideoTime(v, "--from"),
        },
        {
          long: "to",
          type: "time",
          summary: "end of the span to clip (seconds or 1:02:03)",
          parse: (v) => parseVideoTime(v, "--to"),
        },
        {
          long: "force-reprocess",
          summary: "clip the whole video again although it was clipped before",
        },
      ],
      examples: [`restream clip create --file ${FILE} --title Highlights --from 0:30 --to 5:00`],
      run: async (ctx, { flags }) =>
        (await import("../clip.ts")).createClips(ctx, flags as unknown as CreateClipFlags),
    },
    {
      name: "download",
      summary: "download one clip",
      args: [{ name: "clip-id", summary: "clip id (from 'clip project')", parse: parseClipId }],
      flags: DOWNLOAD_FLAGS,
      examples: ["restream clip download 45e33a86-a1e3-4dcd-bc51-2f321c455ce9 -o clip.mp4"],
      run: async (ctx, { args, flags }) =>
        (await import("../clip.ts")).downloadClip(
          ctx,
          args["clip-id"] as string,
          flags as DownloadFlags,
        ),
    },
  ],
};
