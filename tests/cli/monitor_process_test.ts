/** The real CLI as a subprocess: real signals, real stdout. */

import assert from "node:assert/strict";
import { WsTestServer } from "../support/ws_server.ts";
import { deadline, STEP_TIMEOUT_MS } from "../support/deadline.ts";
import { spawnCli } from "../support/subprocess.ts";

const MESSAGE = { action: "event", timestamp: 1764093667, payload: { eventSourceId: 2 } };

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.test({
    name:
      `deno run cli.ts monitor chat --json: ${signal} after the first line exits 0 with a summary`,
    // Windows has neither a catchable SIGTERM nor kill(SIGINT) for a child.
    ignore: Deno.build.os === "windows",
    fn: async () => {
      const server = WsTestServer.start({ onConnection: (c) => c.send(MESSAGE) });
      const cli = spawnCli(["monitor", "chat", "--json"], {
        env: { RESTREAM_TOKEN: "tok", RESTREAM_CHAT_WS_URL: server.url },
      });
      try {
        // A line held back until exit (buffered NDJSON) fails here instead of hanging.
        await cli.waitForStdout(/\n/, STEP_TIMEOUT_MS);
        cli.child.kill(signal);
        const { code, stdout, stderr } = await cli.done(STEP_TIMEOUT_MS);
        assert.equal(code, 0, stderr);
        assert.deepEqual(JSON.parse(stdout), MESSAGE);
        assert.match(stderr, /^monitor chat: 1 chat message, 0 reconnects, \d+\.\d s$/m);
        assert.equal(
          await deadline(server.connections[0].closed, "the socket's close"),
          1000,
          "closed cleanly",
        );
      } finally {
        await cli.close();
        await server.close();
      }
    },
  });
}
