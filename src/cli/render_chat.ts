/**
 * Human lines of `monitor chat`: `12:01:07 [Twitch] nickname: text`, connection changes as
 * dim status lines, unknown actions shown rather than dropped (SPEC.md, "Monitors").
 *
 * @module
 */

import type { ChatMessage } from "../ws/chat.ts";
import type { ChatEventMessagePayload } from "../ws/chat_schemas.ts";
import { messageClock, oneLine, unknownActionLine } from "./render_text.ts";
import type { Style } from "./style.ts";

/** Platform names by `eventSourceId` (RESTREAM_API.md, "Chat"). */
export const EVENT_SOURCES: Readonly<Record<number, string>> = {
  1: "Restream",
  2: "Twitch",
  13: "YouTube",
  19: "Facebook",
  20: "Facebook",
  21: "Facebook",
  24: "DLive",
  25: "Discord",
  26: "LinkedIn",
  27: "Trovo",
  28: "X",
  29: "Kick",
  33: "Rumble",
};

/** Paid message kinds by `eventTypeId`. */
const PAID_EVENTS: Readonly<Record<number, string>> = { 7: "Super Chat", 8: "Super Sticker" };

/** The name of a platform by `eventSourceId`. */
export function sourceName(id: unknown): string {
  if (typeof id !== "number") return "?";
  return EVENT_SOURCES[id] ?? `source ${id}`;
}

/** Renders chat messages; remembers which platform each connection belongs to. */
export class ChatRenderer {
  readonly #style: Style;
  /** connectionUuid → eventSourceId, so `connection_closed` can name its platform. */
  readonly #connections = new Map<string, number>();

  /** Creates a renderer with the styling of stdout. */
  constructor(style: Style) {
    this.#style = style;
  }

  /** The line for a message, or undefined for heartbeats (not worth a line). */
  line(message: ChatMessage): string | undefined {
    const time = messageClock(message.raw.timestamp, message.receivedAt);
    switch (message.type) {
      case "heartbeat":
        return undefined;
      case "event":
        return `${time} ${this.#eventLine(message.data.payload ?? {})}`;
      case "connection_info": {
        const p = message.data.payload ?? {};
        if (typeof p.eventSourceId === "number" && p.connectionUuid != null) {
          this.#connections.set(String(p.connectionUuid), p.eventSourceId);
        }
        const target = typeof p.target === "string" || typeof p.target === "number"
          ? ` ${oneLine(String(p.target))}`
          : "";
        const reason = p.reason ? `: ${oneLine(p.reason)}` : "";
        const status = oneLine(p.status ?? "status unknown");
        return this.#style.dim(
          `${time} [${sourceName(p.eventSourceId)}] ${status}${target}${reason}`,
        );
      }
      case "connection_closed": {
        const p = message.data.payload ?? {};
        const uuid = p.connectionUuid == null ? undefined : String(p.connectionUuid);
        const source = uuid === undefined ? undefined : this.#connections.get(uuid);
        if (uuid !== undefined) this.#connections.delete(uuid);
        const reason = p.reason ? `: ${oneLine(p.reason)}` : "";
        return this.#style.dim(`${time} [${sourceName(source)}] connection closed${reason}`);
      }
      case "unknown":
        return `${time} ${unknownActionLine(message.action, message.raw)}`;
      default: {
        // Replies and relays sent from Restream's chat app.
        const p = message.data.payload ?? {};
        const what = message.type.replace("_", " ");
        const detail = [p.text, p.reason].filter((s) => typeof s === "string" && s !== "");
        const text = detail.length > 0 ? `: ${oneLine(detail.join(" - "))}` : "";
        return this.#style.dim(`${time} [${sourceName(p.eventSourceId)}] ${what}${text}`);
      }
    }
  }

  /** `[Twitch] nickname: text`, with the amount of a Super Chat before the text. */
  #eventLine(payload: ChatEventMessagePayload): string {
    const event = payload.eventPayload ?? {};
    const author = oneLine(event.author?.displayName || event.author?.name || "someone");
    // Twitch emotes are words in `text`; `replaces` only marks where their images go, so
    // the text as sent already shows each emote as its name.
    const parts: string[] = [];
    const paid = PAID_EVENTS[payload.eventTypeId ?? -1];
    const donation = event.donation;
    if (paid !== undefined || donation) {
      const amount = donation?.currencyString ?? donation?.amount;
      const label = [paid ?? "donation", amount == null ? "" : String(amount)].filter(Boolean);
      parts.push(this.#style.yellow(`[${oneLine(label.join(" "))}]`));
    }
    if (event.text) parts.push(oneLine(event.text));
    const source = sourceName(payload.eventSourceId);
    return `[${source}] ${this.#style.cyan(author)}: ${parts.join(" ")}`.trimEnd();
  }
}
