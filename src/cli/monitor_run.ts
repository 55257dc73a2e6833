/**
 * Runs a monitor for the CLI: wires stop signals (`--duration`, Ctrl+C, SIGTERM) to an
 * AbortSignal, turns monitor events into stderr notices, prints each message (NDJSON with
 * `--json`), and ends with a one-line summary on stderr. Stopping is success (exit 0).
 *
 * @module
 */

import { chatFrameBatches, monitorChatBatches } from "../ws/chat.ts";
import type { MonitorEvent, MonitorFrame, MonitorOptions } from "../ws/monitor.ts";
import { profileTokenCheck } from "../ws/refusal.ts";
import { monitorStreamingBatches, streamingFrameBatches } from "../ws/streaming.ts";
import type { CliContext } from "./context.ts";
import { formatClock, zoneName } from "./format.ts";
import { escapeJsonText, jsonText } from "./json_text.ts";
import { loadMonitorPlatformNames } from "./platform_cache.ts";
import { ChatRenderer } from "./render_chat.ts";
import { LiveView } from "./render_live.ts";
import { printStreamingLines } from "./streaming_lines.ts";

/** Which monitor. */
export type MonitorKind = "chat" | "streaming";

/** The command's flags. */
export interface MonitorFlags {
  /** `--duration S`. */
  duration?: number;
  /** `--live` (streaming). */
  live?: boolean;
}

interface Stats {
  /** Chat: chat messages only (not status lines or heartbeats); streaming: every update. */
  messages: number;
  reconnects: number;
  /** Stopped by Ctrl+C or SIGTERM (not `--duration`). */
  interrupted: boolean;
}

/** Runs `monitor <kind>` until stopped; throws for auth (exit 3) and network (exit 1) failures. */
export async function runMonitor(
  ctx: CliContext,
  kind: MonitorKind,
  flags: MonitorFlags,
): Promise<void> {
  ctx.stopsGracefully = true; // Ctrl+C and SIGTERM end a monitor with its summary, exit 0
  // Checked before any request (a refresh included): the token must be allowed to go there.
  const url = ctx.webSocketUrl(kind);
  const tokens = ctx.tokens();
  const tuning = ctx.io.monitorTuning ?? {};
  const now = tuning.now ?? Date.now;
  const started = now();
  const controller = new AbortController();
  const stats: Stats = { messages: 0, reconnects: 0, interrupted: false };
  const releaseStops = linkStops(ctx, controller, flags.duration, () => stats.interrupted = true);
  let live: LiveView | undefined;
  // Notices carry the time like every monitor line.
  const notice = (text: string): void => {
    ctx.output.notice(`${formatClock(new Date(now()))} ${text}`);
    live?.detach();
  };
  const options: MonitorOptions = {
    ...tuning,
    url,
    tokens,
    signal: controller.signal,
    checkToken: profileTokenCheck(ctx.publicClient().http, controller.signal),
    onEvent: reporter(ctx, stats, notice),
  };
  let namesSettled: Promise<void> | undefined;
  // Lines carry the time of day only; the zone is said once, so every time shown has one.
  if (!ctx.output.json) ctx.output.notice(`times are ${zoneName(new Date(started))}`);
  try {
    // Each batch (the messages that arrived together) is printed with one write and no
    // await in between, which keeps up with a flood and keeps memory bounded.
    if (ctx.output.json) {
      const frames = kind === "chat" ? chatFrameBatches(options) : streamingFrameBatches(options);
      for await (const batch of frames) {
        stats.messages += kind === "chat"
          ? batch.filter((frame) => frame.action === "event").length
          : batch.length;
        ctx.output.printLine(batch.map(ndjsonLine).join("\n"));
      }
    } else if (kind === "chat") {
      const renderer = new ChatRenderer(ctx.output.style);
      for await (const batch of monitorChatBatches(options)) {
        stats.messages += batch.filter((message) => message.type === "event").length;
        const lines = batch.map((message) => renderer.line(message)).filter((l) => l !== undefined);
        if (lines.length > 0) ctx.output.printLine(lines.join("\n"));
      }
    } else {
      // Names load while the socket connects; nothing is printed before they are in (or
      // given up on after a moment), so a line names its platform the same way every run.
      const names = new Map<number, string>();
      const loading = loadMonitorPlatformNames(ctx, names, controller.signal);
      namesSettled = loading.settled;
      const lookup = (id: number): string | undefined => names.get(id);
      const batches = monitorStreamingBatches(options);
      if (flags.live && ctx.output.isTerminal) {
        live = new LiveView(ctx.io.stdout, ctx.output.style, lookup, ctx.output.columns);
        for await (const batch of batches) {
          stats.messages += batch.length;
          await loading.ready;
          live.update(batch);
        }
      } else {
        await printStreamingLines(batches, {
          names: lookup,
          namesReady: () => loading.ready,
          style: ctx.output.style,
          print: (lines) => ctx.output.printLine(lines.join("\n")),
          onMessages: (count) => stats.messages += count,
          stop: () => controller.abort(),
          ...ctx.io.replayTiming,
        });
      }
    }
  } finally {
    releaseStops();
    controller.abort();
    await namesSettled;
  }
  // After Ctrl+C the terminal shows `^C` where the cursor was: start on a fresh line.
  // (A notice is one line: the line break is written on its own.)
  if (stats.interrupted && ctx.io.stderrIsTerminal) ctx.io.stderr.write("\n");
  ctx.output.notice(summary(kind, stats, now() - started));
}

/**
 * A raw message as one NDJSON line: the frame's own text when it is one line already, with
 * the JSON escaping of json_text.ts either way.
 */
function ndjsonLine(frame: MonitorFrame): string {
  return frame.text.includes("\n") || frame.text.includes("\r")
    ? jsonText(frame.raw)
    : escapeJsonText(frame.text);
}

/**
 * Aborts the controller on `--duration`, on the run's own signal (tests, embedding) or, in
 * a real process, on SIGINT and SIGTERM. Returns the function that undoes all of it.
 */
function linkStops(
  ctx: CliContext,
  controller: AbortController,
  durationSeconds: number | undefined,
  onInterrupt: () => void,
): () => void {
  const stop = (): void => controller.abort();
  const interrupt = (): void => {
    if (!controller.signal.aborted) onInterrupt();
    stop();
  };
  const undo: Array<() => void> = [];
  if (durationSeconds !== undefined) {
    const timer = setTimeout(stop, durationSeconds * 1000);
    undo.push(() => clearTimeout(timer));
  }
  const external = ctx.io.signal;
  if (external) {
    if (external.aborted) interrupt();
    external.addEventListener("abort", interrupt, { once: true });
    undo.push(() => external.removeEventListener("abort", interrupt));
  } else {
    // SIGTERM cannot be listened to on Windows (SPEC.md, "Platforms").
    const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
    for (const signal of signals) {
      Deno.addSignalListener(signal, interrupt);
      undo.push(() => Deno.removeSignalListener(signal, interrupt));
    }
  }
  return () => undo.forEach((fn) => fn());
}

/** Monitor events as stderr notices (the library never prints). */
function reporter(
  ctx: CliContext,
  stats: Stats,
  notice: (text: string) => void,
): (event: MonitorEvent) => void {
  const warnedInvalid = new Set<string>();
  return (event) => {
    switch (event.type) {
      case "connecting":
        ctx.verbose(`connecting to ${event.url}`);
        return;
      case "connected":
        if (event.connection > 1) notice("reconnected");
        else ctx.verbose("connected");
        return;
      case "reconnecting": {
        stats.reconnects++;
        const seconds = (event.delayMs / 1000).toFixed(1);
        notice(`${event.reason}; reconnect attempt ${event.attempt} in ${seconds} s`);
        return;
      }
      case "token_refreshed":
        notice("the connection was refused; retrying with a refreshed token");
        return;
      case "malformed":
        notice(`warning: skipped a malformed message (${event.reason}): ${event.excerpt}`);
        return;
      case "invalid":
        // Shown as an unknown message anyway; say why once per action.
        if (!warnedInvalid.has(event.action)) {
          warnedInvalid.add(event.action);
          notice(`warning: unexpected ${event.action} message (${event.reason})`);
        }
        return;
      case "replay_skipped":
        ctx.verbose(`skipped a replayed ${event.action} message`);
        return;
    }
  };
}

/** `monitor chat: 42 chat messages, 1 reconnect, 12.3 s`. */
function summary(kind: MonitorKind, stats: Stats, elapsedMs: number): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
  const seconds = (Math.max(0, elapsedMs) / 1000).toFixed(1);
  const what = kind === "chat" ? "chat message" : "update";
  return `monitor ${kind}: ${plural(stats.messages, what)}, ` +
    `${plural(stats.reconnects, "reconnect")}, ${seconds} s`;
}
