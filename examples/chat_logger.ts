/**
 * Chat logger: append every chat message from every platform to a JSON Lines file, and echo a
 * readable line to stdout. Reconnects by itself; stops on Ctrl+C or after an optional number
 * of seconds.
 *
 *     deno run --allow-net --allow-env=RESTREAM_CHAT_WS_URL,RESTREAM_TOKEN \
 *       --allow-write=chat.jsonl examples/chat_logger.ts chat.jsonl [seconds]
 *
 * In this checkout `@restream/cli` is this package; in your project, `deno add jsr:@restream/cli`
 * first (or import from "jsr:@restream/cli"). Try it against the mock server:
 * `restream mock serve > mock.env &`, then `. ./mock.env`.
 *
 * @module
 */

import { monitorChat, RestreamError } from "@restream/cli";

const [file, seconds] = Deno.args;
const token = Deno.env.get("RESTREAM_TOKEN");
if (!file || !token) {
  console.error("usage: RESTREAM_TOKEN=… chat_logger.ts <file.jsonl> [seconds]");
  Deno.exit(2);
}

const controller = new AbortController();
Deno.addSignalListener("SIGINT", () => controller.abort());
const timer = seconds ? setTimeout(() => controller.abort(), Number(seconds) * 1000) : undefined;
const log = await Deno.open(file, { create: true, append: true });
const encoder = new TextEncoder();
let count = 0;

try {
  for await (
    const message of monitorChat({
      url: Deno.env.get("RESTREAM_CHAT_WS_URL"),
      token,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === "reconnecting") console.error(`reconnecting in ${event.delayMs} ms`);
      },
    })
  ) {
    if (message.type !== "event") continue;
    await log.write(encoder.encode(`${JSON.stringify(message.raw)}\n`));
    const payload = message.data.payload;
    const chat = payload?.eventPayload;
    const author = chat?.author?.displayName ?? chat?.author?.name ?? "someone";
    console.log(`[platform ${payload?.eventSourceId}] ${author}: ${chat?.text ?? ""}`);
    count++;
  }
} catch (error) {
  if (!(error instanceof RestreamError)) throw error;
  console.error(`error: ${error.message}`);
  Deno.exitCode = error.kind === "auth" ? 3 : 1;
} finally {
  clearTimeout(timer);
  log.close();
  console.error(`${count} messages logged to ${file}`);
}
