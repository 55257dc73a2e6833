/**
 * What an event leaves behind: `event chat download`, `event recordings` and
 * `event recordings download`. Added to the `event` and `event chat` commands that
 * event.ts builds (or created here when there are none), so the two files stay independent.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { RestreamClient } from "../client.ts";
import { RestreamError } from "../errors.ts";
import type { Recording } from "../schemas/recording.ts";
import { parseEventId } from "./args.ts";
import type { CliContext } from "./context.ts";
import { runDownload, withDownloadFlags } from "./download_command.ts";
import { formatTableTime } from "./format.ts";
import { parseRecordingFileName } from "./ids.ts";
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

/**
 * Adds `chat download`, `recordings` and `recordings download` to the program's `event`
 * command. `event chat <id>` (history) and `event recordings <id>` keep their own actions:
 * commander dispatches to the `download` subcommand only when that word follows (an event id
 * is a UUID, so it can never be "download").
 */
export function registerEventMediaCommands(program: Command, ctx: CliContext): void {
  const event = existingOrNew(program, "event", "streaming events");
  const chat = existingOrNew(event, "chat", "an event's chat");
  withDownloadFlags(
    chat
      .command("download")
      .description("download an event's whole chat history as a file")
      .argument("<id>", "event id (a UUID)", parseEventId),
  )
    .action(async (id, flags) => {
      const client = ctx.authenticatedClient();
      await runDownload(ctx, flags, {
        link: async () => (await client.getEventChatDownloadUrl(id, ctx.io.signal)).downloadUrl,
        name: () => `chat-${id}`,
        label: `chat ${id}`,
        report: { id },
      });
    });

  const recordings = event
    .command("recordings")
    .description("list an event's recordings (or download one: recordings download)")
    .argument("<id>", "event id (a UUID)", parseEventId)
    .action(async (id) => {
      const recordings = await ctx.authenticatedClient().listEventRecordings(id, ctx.io.signal);
      if (ctx.globals.json) return ctx.output.printJson(recordings);
      const rows: RecordingRow[] = [
        ...recordings.primaryVideos.map((r) => ({ ...r, kind: "primary" })),
        ...recordings.secondaryVideos.map((r) => ({ ...r, kind: "secondary" })),
        ...recordings.audio.map((r) => ({ ...r, kind: "audio" })),
      ];
      ctx.output.printTable(rows, RECORDING_COLUMNS);
    });

  withDownloadFlags(
    recordings
      .command("download")
      .description("download one recording of an event (default name: its file name)")
      .argument("<id>", "event id (a UUID)", parseEventId)
      .argument("<file>", "file name, as 'event recordings' lists it", parseRecordingFileName),
  )
    .action(async (id, fileName, flags) => {
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

/** The subcommand event.ts registered, or a new one when it did not (the files stay independent). */
function existingOrNew(parent: Command, name: string, description: string): Command {
  const found = parent.commands.find((c) => c.name() === name);
  return (found ?? parent.command(name).description(description)) as Command;
}
