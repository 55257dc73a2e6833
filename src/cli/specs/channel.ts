/**
 * The specs (beyond their entries in ../tree.ts) of `channel …` (handlers: ../channel.ts,
 * ../channel_manage.ts).
 *
 * @module
 */

import { MAX_TITLE_LENGTH } from "../../channel_title.ts";
import { parseChannelId, parseStreamUrl } from "../args.ts";
import type { AddChannelFlags } from "../channel_manage.ts";
import type { ArgSpec, CommandBody } from "../spec.ts";

const ID: ArgSpec = {
  name: "id",
  summary: "channel id (a positive integer)",
  parse: parseChannelId,
};

/** `channel` and its subcommands. */
export const CHANNEL: CommandBody = {
  subcommands: [
    {
      name: "list",
      summary: "list all channels",
      examples: ["restream channel list", "restream channel list --json"],
      run: async (ctx) => (await import("../channel.ts")).listChannels(ctx),
    },
    {
      name: "get",
      summary: "show one channel",
      args: [ID],
      examples: ["restream channel get 1030301"],
      run: async (ctx, { args }) =>
        (await import("../channel.ts")).showChannel(ctx, args.id as number),
    },
    {
      name: "set",
      summary: "enable or disable a channel",
      args: [ID],
      flags: [
        { long: "active", summary: "enable the channel" },
        { long: "inactive", summary: "disable the channel" },
      ],
      examples: [
        "restream channel set 1030303 --active",
        "restream channel set 1030303 --inactive",
      ],
      run: async (ctx, { args, flags }) =>
        (await import("../channel.ts")).setChannelActive(
          ctx,
          args.id as number,
          flags as { active?: true; inactive?: true },
        ),
    },
    {
      name: "add",
      summary: "add a manual channel (custom RTMP, SRT…)",
      flags: [
        {
          long: "platform",
          type: "id|name",
          placeholder: "id|name",
          summary: "platform id or name (see 'restream platforms')",
          required: true,
        },
        {
          long: "url",
          type: "url",
          summary: "ingest URL of the destination",
          parse: parseStreamUrl,
          required: true,
        },
        {
          long: "key",
          type: "string",
          summary: "stream key ('-' reads it from stdin)",
          required: true,
        },
        { long: "name", type: "string", summary: "name shown in Restream" },
        { long: "username", type: "string", summary: "RTMP user name (with --password)" },
        { long: "password", type: "string", summary: "RTMP password ('-' reads it from stdin)" },
      ],
      examples: [
        "restream channel add --platform 'Custom RTMP' --url rtmp://live.example.net/app --key abc123",
        "# keep the key out of shell history: read it from stdin",
        "echo abc123 | restream channel add --platform 29 --url rtmp://live.example.net/app --key -",
      ],
      run: async (ctx, { flags }) =>
        (await import("../channel_manage.ts")).addChannel(ctx, flags as unknown as AddChannelFlags),
    },
    {
      name: "remove",
      summary: "remove a channel (asks first on a terminal)",
      args: [ID],
      flags: [{ long: "yes", short: "y", summary: "do not ask for confirmation" }],
      examples: ["restream channel remove 1030305 --yes"],
      run: async (ctx, { args, flags }) =>
        (await import("../channel_manage.ts")).removeChannel(
          ctx,
          args.id as number,
          flags.yes === true,
        ),
    },
    {
      name: "meta",
      summary: "a channel's title and description",
      subcommands: [
        {
          name: "get",
          summary: "show a channel's title and description",
          args: [ID],
          examples: ["restream channel meta get 1030301"],
          run: async (ctx, { args }) =>
            (await import("../channel.ts")).showChannelMeta(ctx, args.id as number),
        },
        {
          name: "set",
          summary: "change a channel's title, description or both",
          args: [ID],
          flags: [
            {
              long: "title",
              type: "string",
              summary: `new title (not empty, at most ${MAX_TITLE_LENGTH} characters)`,
            },
            { long: "description", type: "string", summary: "new description" },
          ],
          examples: [
            "restream channel meta set 1030301 --title 'Speedrun Friday'",
            "restream channel meta set 1030301 --description 'Any% attempts, every Friday'",
            "restream channel meta set 1030301 --title 'Q&A' --description 'Ask anything'",
          ],
          run: async (ctx, { args, flags }) =>
            (await import("../channel.ts")).setChannelMeta(
              ctx,
              args.id as number,
              flags as { title?: string; description?: string },
            ),
        },
      ],
    },
  ],
};
