/**
 * `storage list|get|download`: the account's video storage.
 *
 * @module
 */

import type { StorageFile } from "../schemas/storage.ts";
import type { CliContext } from "./context.ts";
import { type DownloadFlags, runDownload } from "./download_command.ts";
import { formatTableTime, formatTime } from "./format.ts";
import type { Column } from "./output.ts";
import { formatBytes, formatDuration } from "./progress.ts";
import type { Style } from "./style.ts";

const FILE_COLUMNS: Column<StorageFile>[] = [
  { header: "ID", value: (f) => f.id, keep: true },
  {
    header: "TITLE",
    value: (f) => f.title ?? "",
    color: (t, _f, style) => style.cyan(t),
    min: 20,
  },
  { header: "STATUS", value: (f) => f.status ?? "", color: statusColor, keep: true, priority: 4 },
  // Values with units are whole or left out (`734.0…` says nothing).
  {
    header: "SIZE",
    value: (f) => f.sizeBytes == null ? "" : formatBytes(f.sizeBytes),
    keep: true,
    priority: 3,
  },
  { header: "DURATION", value: (f) => storageDuration(f), keep: true, priority: 2 },
  { header: "CREATED", value: (f) => formatTableTime(f.createdAt), keep: true, priority: 1 },
];

/** `storage list`. */
export async function listStorage(ctx: CliContext): Promise<void> {
  const files = await ctx.authenticatedClient().listStorageFiles(ctx.io.signal);
  ctx.output.printList(files, FILE_COLUMNS);
}

/** `storage get <id>`. */
export async function showStorageFile(ctx: CliContext, id: string): Promise<void> {
  const file = await ctx.authenticatedClient().getStorageFile(id, ctx.io.signal);
  ctx.output.printObject(file, () => [
    ["ID", file.id],
    ["Title", file.title ?? undefined],
    ["Status", file.status ?? undefined],
    ["Size", file.sizeBytes == null ? undefined : formatBytes(file.sizeBytes)],
    ["Duration", storageDuration(file) || undefined],
    ["Created", file.createdAt ? formatTime(file.createdAt) : undefined],
  ]);
}

/** `storage download <id>`: default name is the file's title. */
export async function downloadStorageFile(
  ctx: CliContext,
  id: string,
  flags: DownloadFlags,
): Promise<void> {
  const client = ctx.authenticatedClient();
  await runDownload(ctx, flags, {
    link: async () => (await client.getStorageFileDownloadUrl(id, ctx.io.signal)).downloadUrl,
    name: async () => {
      const file = await client.getStorageFile(id, ctx.io.signal);
      return file.title?.trim() || id;
    },
    naming: "preferred",
    label: id,
    report: { id },
  });
}

/**
 * A stored file's duration: blank while it is processing or when it failed (the API sends
 * 0 then, and `0:00` would read as an empty video).
 */
function storageDuration(file: StorageFile): string {
  const ready = file.status == null || file.status.toLowerCase() === "ready";
  return ready ? formatSeconds(file.durationSeconds) : "";
}

/** Seconds, rounded, as `1:02:03` or `2:03`; empty when unknown. */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "";
  return formatDuration(Math.round(seconds));
}

function statusColor(text: string, _file: StorageFile, style: Style): string {
  if (text === "Ready") return style.green(text);
  if (text === "Failed") return style.red(text);
  return style.yellow(text);
}
