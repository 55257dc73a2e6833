/**
 * `download -o -` in a real process (issue 14): the file's bytes reach a pipe exactly as
 * received, escape codes, NUL and invalid UTF-8 included (the terminal-safe text path must
 * not touch them), and nothing else is written to stdout.
 */

import assert from "node:assert/strict";
import { outputWithin } from "../support/deadline.ts";

const CLI = new URL("../../cli.ts", import.meta.url).pathname;
const EVENT = "61c2559a-2acf-4420-ac01-78786d06da5c";
/** ESC [2J (clear screen), NUL, 0xff and a lone UTF-8 lead byte: binary, not text. */
const BYTES = new Uint8Array([0x1b, 0x5b, 0x32, 0x4a, 0x00, 0xff, 0x0a, 0xc3, 0x41]);

Deno.test("download -o - writes the exact bytes to a pipe", async () => {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const url = new URL(req.url);
    if (url.pathname.endsWith("/recordings/download-url")) {
      return Response.json({ downloadUrl: `${url.origin}/files/rec.bin?sig=1` });
    }
    return new Response(BYTES, { headers: { "content-type": "application/octet-stream" } });
  });
  try {
    const output = await outputWithin(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--quiet",
        CLI,
        "event",
        "recordings",
        "download",
        EVENT,
        "rec.bin",
        "-o",
        "-",
      ],
      env: {
        RESTREAM_TOKEN: "tok",
        RESTREAM_API_URL: `http://127.0.0.1:${server.addr.port}`,
        NO_COLOR: "1",
      },
      clearEnv: true,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    });
    assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
    assert.deepEqual(output.stdout, BYTES);
    assert.equal(new TextDecoder().decode(output.stderr), "");
  } finally {
    await server.shutdown();
  }
});
