/**
 * What an event leaves behind: `event chat download`, `event recordings` and
 * `event recordings download`.
 *
 * @module
 */

import type { RestreamClient } from "../client.ts";
import { RestreamError } from "../errors.ts";
import type { Recording } from "../schemas/recording.ts";
import type { CliContext } from "./context.ts";
import { type DownloadFlags, runDownload } from "./download_command.ts";
import { formatTableTime } from "./format.ts";
import type { Column } from "./output.ts";

interface RecordingRow extends Recording {
  kind: string;
}

const RECORDING_COLUMNS: Column<RecordingRow>[] = [
  { header: "KIND", value: (r) => r.kind, keep: true, priority: 2 },
  // `event recordings download` takes the file name: it must paste back whole.
  {
    header: "FILE NAME",
    value: (r) => r.fileName,
    color: (t, _r, style) => style.cyan(t),
    keep: true,
  },
  { header: "EXPIRES", value: (r) => formatTableTime(r.expiresAt), keep: true, priority: 1 },
];

/** `event chat download <id>`: the whole chat history as a file. */
export async function downloadEventChat(
  ctx: CliContext,
  id: string,
  flags: DownloadFlags,
): Promise<void> {
  const client = ctx.authenticatedClient();
  await runDownload(ctx, flags, {
    link: async () => (await client.getEventChatDownloadUrl(id, ctx.io.signal)).downloadUrl,
    name: () => `chat-${id}`,
    label: `chat ${id}`,
    report: { id },
  });
}

/** `event recordings <id>`. */
export async function listEventRecordings(ctx: CliContext, id: string): Promise<void> {
  const recordings = await ctx.authenticatedClient().listEventRecordings(id, ctx.io.signal);
  if (ctx.globals.json) return ctx.output.printJson(recordings);
  const rows: RecordingRow[] = [
    ...recordings.primaryVideos.map((r) => ({ ...r, kind: "primary" })),
    ...recordings.secondaryVideos.map((r) => ({ ...r, kind: "secondary" })),
    ...recordings.audio.map((r) => ({ ...r, kind: "audio" })),
  ];
  ctx.output.printTable(rows, RECORDING_COLUMNS);
}

/** `event recordings download <id> <file>`. */
export async function downloadEventRecording(
  ctx: CliContext,
  id: string,
  fileName: string,
  flags: DownloadFlags,
): Promise<void> {
  const client = ctx.authenticatedClient();
  await runDownload(ctx, flags, {
    link: async () => {
      try {
        return (await client.getEventRecordingDownloadUrl(id, fileName, ctx.io.signal))
          .downloadUrl;
      } catch (error) {
        throw await withRecordingNames(client, id, error, ctx.io.signal);
      }
    },
    name: () => fileName,
    naming: "exact",
    label: fileName,
    report: { id, fileName },
  });
}

/**
 * A recording name that is not found: the error lists the names the event has, so the next
 * try is a paste away. Any other error, or a listing that fails too, is returned as is.
 */
async function withRecordingNames(
  client: RestreamClient,
  id: string,
  error: unknown,
  signal?: AbortSignal,
): Promise<unknown> {
  if (!(error instanceof RestreamError) || error.kind !== "not_found") return error;
  let names: string[];
  try {
    const { primaryVideos, secondaryVideos, audio } = await client.listEventRecordings(id, signal);
    names = [...primaryVideos, ...secondaryVideos, ...audio].map((r) => r.fileName);
  } catch {
    return error;
  }
  const known = names.length === 0 ? "the event has no recordings" : `it has ${names.join(", ")}`;
  return new RestreamError("not_found", `${error.message}; ${known}`, {
    status: error.status,
    code: error.code,
    apiMessage: error.apiMessage,
    cause: error,
  });
}
