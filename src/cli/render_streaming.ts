/**
 * Human output of `monitor streaming`: one line per message (time, channel, status,
 * bitrate in kbps, fps), or with `--live` on a terminal a compact view redrawn in place.
 *
 * @module
 */

import type { StreamingMessage } from "../ws/streaming.ts";
import type { IncomingStreaming } from "../ws/streaming_schemas.ts";
import { formatKbps } from "./format.ts";
import { messageClock, oneLine, unknownActionLine } from "./render_text.ts";
import type { Style } from "./style.ts";

/** Looks up a platform's name by id; undefined when not (yet) known. */
export type PlatformNames = (id: number) => string | undefined;

/** `channel 123 (Twitch)`. */
export function channelLabel(
  channelId: unknown,
  platformId: unknown,
  names: PlatformNames,
): string {
  const channel = channelId == null ? "channel ?" : `channel ${channelId}`;
  if (typeof platformId !== "number") return channel;
  return `${channel} (${oneLine(names(platformId) ?? `platform ${platformId}`)})`;
}

/** `6000 kbps 60 fps 1920x1080 h264/aac`, leaving out what is unknown. */
export function describeIncoming(streaming: IncomingStreaming | null | undefined): string {
  const s = streaming ?? {};
  const parts = [formatKbps(s.bitrate?.total)];
  if (s.fps != null) parts.push(`${Math.round(s.fps * 100) / 100} fps`);
  if (s.width != null && s.height != null) parts.push(`${s.width}x${s.height}`);
  const codecs = [s.codec?.video, s.codec?.audio].filter((c) => c != null && c !== "");
  if (codecs.length > 0) parts.push(oneLine(codecs.join("/")));
  return parts.filter(Boolean).join(" ");
}

/** Colours a destination status: connected green, connecting yellow, others red. */
export function styleStatus(status: string, style: Style): string {
  const upper = status.toUpperCase();
  if (upper === "CONNECTED") return style.green(upper);
  if (upper === "CONNECTING") return style.yellow(upper);
  return style.red(upper);
}

/** `online 42 viewers`, leaving out what is unknown. */
export function describeAudience(online: boolean | null | undefined, viewers: unknown): string {
  const state = online == null ? "" : online ? "online" : "offline";
  const count = typeof viewers === "number" ? `${viewers} viewers` : "";
  return [state, count].filter(Boolean).join(" ");
}

/** The line of one streaming message. */
export function streamingLine(
  message: StreamingMessage,
  names: PlatformNames,
  style: Style,
): string {
  // `createdAt` is when the stream or connection began, the same on every update of it: the
  // line's time is the update's (`updatedAt` where sent, else when it arrived).
  const time = messageClock(message.raw.updatedAt, message.receivedAt);
  switch (message.type) {
    case "updateIncoming":
      return `${time} encoder ${describeIncoming(message.data.streaming)}`.trimEnd();
    case "deleteIncoming":
      return `${time} encoder ${style.red("stopped")}`;
    case "updateOutgoing": {
      const d = message.data;
      const status = styleStatus(oneLine(d.streaming?.status ?? "unknown"), style);
      const kbps = formatKbps(d.streaming?.bitrate);
      const label = channelLabel(d.channelId, d.platformId, names);
      return `${time} ${label} ${status}${kbps ? ` ${kbps}` : ""}`;
    }
    case "deleteOutgoing": {
      const d = message.data;
      return `${time} ${channelLabel(d.channelId, d.platformId, names)} ${style.red("stopped")}`;
    }
    case "updateStatuses": {
      const d = message.data;
      const audience = describeAudience(d.online, d.viewers);
      return `${time} ${channelLabel(d.channelId, d.platformId, names)} ${audience}`.trimEnd();
    }
    default:
      return `${time} ${unknownActionLine(message.action, message.raw)}`;
  }
}
