/** The real CLI as a subprocess: real signals, real stdout. */

import assert from "node:assert/strict";
import { WsTestServer } from "../support/ws_server.ts";
import { deadline } from "../support/deadline.ts";

const CLI = new URL("../../cli.ts", import.meta.url).pathname;
const MESSAGE = { action: "event", timestamp: 1764093667, payload: { eventSourceId: 2 } };

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.test({
    name:
      `deno run cli.ts monitor chat --json: ${signal} after the first line exits 0 with a summary`,
    // Windows has neither a catchable SIGTERM nor kill(SIGINT) for a child.
    ignore: Deno.build.os === "windows",
    fn: async () => {
      const server = WsTestServer.start({ onConnection: (c) => c.send(MESSAGE) });
      try {
        const child = new Deno.Command(Deno.execPath(), {
          args: ["run", "-A", "--quiet", CLI, "monitor", "chat", "--json"],
          env: { RESTREAM_TOKEN: "tok", RESTREAM_CHAT_WS_URL: server.url, NO_COLOR: "1" },
          clearEnv: true,
          stdin: "null",
          stdout: "piped",
          stderr: "piped",
        }).spawn();
        const stderr = new Response(child.stderr).text();
        const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
        let stdout = "";
        let status: Deno.CommandStatus;
        try {
          // A line held back until exit (buffered NDJSON) fails here instead of hanging.
          await deadline(
            (async () => {
              while (!stdout.includes("\n")) {
                const { value, done } = await reader.read();
                if (done) break;
                stdout += value;
              }
            })(),
            "the first NDJSON line on stdout",
          );
          child.kill(signal);
          await deadline(
            (async () => {
              for (;;) {
                const { value, done } = await reader.read();
                if (done) break;
                stdout += value;
              }
            })(),
            `the end of stdout after ${signal}`,
          );
          status = await deadline(child.status, `the exit after ${signal}`);
        } finally {
          try {
            child.kill("SIGKILL");
          } catch {
            // Already ended.
          }
        }
        assert.equal(status.code, 0, await stderr);
        assert.deepEqual(JSON.parse(stdout), MESSAGE);
        assert.match(await stderr, /^monitor chat: 1 chat message, 0 reconnects, \d+\.\d s$/m);
        assert.equal(
          await deadline(server.connections[0].closed, "the socket's close"),
          1000,
          "closed cleanly",
        );
      } finally {
        await server.close();
      }
    },
  });
}
