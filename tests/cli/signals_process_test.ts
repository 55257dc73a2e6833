/**
 * Ctrl+C and SIGTERM on commands that are not monitors (issue 14), with real processes and
 * real signals: Ctrl+C at a prompt exits 130 at once; SIGTERM exits 143 and Ctrl+C 130 while
 * a request or a download is under way, and a partial download is removed either way.
 */

import assert from "node:assert/strict";
import { childOutput, deadline as within, waitUntil } from "../support/deadline.ts";
import { cliCommandLine } from "../support/pty.ts";
import { spawnProcess } from "../support/subprocess.ts";
import { listDir } from "../support/temp_dir.ts";

const EVENT = "61c2559a-2acf-4420-ac01-78786d06da5c";
/** Less than run.ts's grace period: the command itself reacted, not the fallback. */
const AT_ONCE_MS = 900;
const DEADLINE_MS = 10_000;

/** A fake API whose slow endpoints never finish: a GET that never answers, an endless file. */
class StallingApi {
  readonly requests: string[] = [];
  readonly #server: Deno.HttpServer<Deno.NetAddr>;
  readonly #release = Promise.withResolvers<void>();

  constructor() {
    this.#server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
      const url = new URL(req.url);
      this.requests.push(`${req.method} ${url.pathname}`);
      if (url.pathname.endsWith("/recordings/download-url")) {
        return Response.json({ downloadUrl: `${this.url}/files/rec.mp4?sig=1` });
      }
      if (url.pathname === "/files/rec.mp4") {
        const stream = new ReadableStream<Uint8Array>({
          start: (controller) => controller.enqueue(new Uint8Array(64 * 1024)),
          // Never more: the download stays in progress until the client goes away.
          pull: () => this.#release.promise,
        });
        return new Response(stream, { headers: { "content-length": "100000000" } });
      }
      return this.#release.promise.then(() => Response.json([]));
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.#server.addr.port}`;
  }

  async close(): Promise<void> {
    this.#release.resolve();
    await this.#server.shutdown();
  }
}

function env(api: StallingApi): Record<string, string> {
  return { RESTREAM_TOKEN: "tok", RESTREAM_API_URL: api.url, NO_COLOR: "1" };
}

const unix = { ignore: Deno.build.os === "windows" };

for (const [signal, code] of [["SIGTERM", 143], ["SIGINT", 130]] as const) {
  Deno.test({
    ...unix,
    name: `${signal} during a download: exit ${code}, the partial file removed`,
    fn: async () => {
      const api = new StallingApi();
      const dir = await Deno.makeTempDir();
      try {
        const child = await spawnProcess(["event", "recordings", "download", EVENT, "rec.mp4"], {
          env: env(api),
          cwd: dir,
        });
        await waitUntil(
          "the partial file",
          async () => (await listDir(dir)).length > 0,
          DEADLINE_MS,
        );
        assert.match((await listDir(dir))[0], /^\.rec\.mp4\.part-/);
        const sent = Date.now();
        child.kill(signal);
        const { code: exit, stderr } = await childOutput(child, `the exit after ${signal}`);
        assert.ok(Date.now() - sent < AT_ONCE_MS, `took ${Date.now() - sent} ms`);
        assert.equal(exit, code, new TextDecoder().decode(stderr));
        assert.deepEqual(await listDir(dir), [], "no partial file left");
      } finally {
        await api.close();
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
}

Deno.test({
  ...unix,
  name: "SIGTERM while a request is waiting: exit 143, kind interrupted under --json",
  fn: async () => {
    const api = new StallingApi();
    try {
      const child = await spawnProcess(["channel", "list", "--json"], { env: env(api) });
      await waitUntil("the request", () => api.requests.length > 0, DEADLINE_MS);
      const sent = Date.now();
      child.kill("SIGTERM");
      const output = await childOutput(child, "the exit after SIGTERM");
      assert.ok(Date.now() - sent < AT_ONCE_MS, `took ${Date.now() - sent} ms`);
      const stderr = new TextDecoder().decode(output.stderr);
      assert.equal(output.code, 143, stderr);
      assert.equal(new TextDecoder().decode(output.stdout), "");
      assert.equal(JSON.parse(stderr).error.kind, "interrupted");
    } finally {
      await api.close();
    }
  },
});

Deno.test({
  ...unix,
  name: "Ctrl+C at the channel remove question (a real terminal) exits 130 at once, nothing sent",
  ignore: Deno.build.os !== "linux", // util-linux `script` gives the pty
  fn: async () => {
    const api = new StallingApi();
    try {
      const command = cliCommandLine(["channel", "remove", "1030304"]);
      const child = new Deno.Command("script", {
        args: ["-qec", command, "/dev/null"],
        env: { ...env(api), PATH: "/usr/bin:/bin", SHELL: "/bin/sh", TERM: "dumb" },
        clearEnv: true,
        stdin: "piped",
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
      let screen = "";
      const deadline = setTimeout(() => reader.cancel(), DEADLINE_MS);
      while (!screen.includes("Remove channel 1030304? [y/N]")) {
        const { value, done } = await reader.read();
        if (done) break;
        screen += value;
      }
      clearTimeout(deadline);
      assert.match(screen, /Remove channel 1030304\? \[y\/N\]/);
      const writer = child.stdin.getWriter();
      const sent = Date.now();
      await writer.write(new TextEncoder().encode("\x03"));
      const status = await within(
        (async () => {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            screen += value;
          }
          return await child.status;
        })(),
        "the exit after Ctrl+C at the prompt",
      ).catch((error) => {
        child.kill("SIGKILL");
        throw error;
      });
      await writer.close().catch(() => {});
      await child.stderr.cancel();
      assert.ok(Date.now() - sent < AT_ONCE_MS, `took ${Date.now() - sent} ms`);
      assert.equal(status.code, 130, screen);
      assert.match(screen, /cancelled at the prompt/);
      assert.deepEqual(api.requests, [], "nothing was sent");
    } finally {
      await api.close();
    }
  },
});
