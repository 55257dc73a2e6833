import assert from "node:assert/strict";
import { join } from "node:path";
import { downloadToFile, safeName, suggestedFileName } from "../src/download.ts";
import { RestreamError } from "../src/errors.ts";

interface Seen {
  url: string;
  authorization: string | null;
}

/** A loopback server whose handler the test picks; closed (with its streams) by `close`. */
function serve(
  handler: (request: Request) => Response | Promise<Response>,
): { url: string; seen: Seen[]; close: () => Promise<void> } {
  const seen: Seen[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (request) => {
      seen.push({ url: request.url, authorization: request.headers.get("authorization") });
      return handler(request);
    },
  );
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    seen,
    close: () => server.shutdown(),
  };
}

async function listDir(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) names.push(entry.name);
  return names.sort();
}

const MB = 1024 * 1024;

Deno.test("downloadToFile streams a large body to disk in chunks, without Authorization", async () => {
  const chunk = new Uint8Array(256 * 1024).fill(7);
  const chunks = 16; // 4 MiB in total
  const server = serve(() => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < chunks) controller.enqueue(chunk);
        else controller.close();
      },
    });
    return new Response(body, { headers: { "content-length": String(chunk.length * chunks) } });
  });
  const dir = await Deno.makeTempDir();
  try {
    const progress: Array<[number, number | undefined]> = [];
    const path = join(dir, "video.mp4");
    const result = await downloadToFile(`${server.url}/f/video.mp4?X-Signature=s3cret`, path, {
      onProgress: (received, total) => progress.push([received, total]),
    });
    assert.equal(result.bytes, 4 * MB);
    assert.equal((await Deno.stat(path)).size, 4 * MB);
    assert.ok(progress.length > 1, "progress reported as chunks arrive");
    assert.deepEqual(progress.at(-1), [4 * MB, 4 * MB]);
    assert.deepEqual(await listDir(dir), ["video.mp4"], "no temporary file left");
    assert.equal(server.seen[0].authorization, null);
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

/**
 * A raw TCP server that answers one request with `head` and `bytes` body bytes, then cuts the
 * connection: what a dropped download looks like from the client.
 */
function cuttingServer(head: string, bytes: number): { url: string; done: Promise<void> } {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const done = (async () => {
    const conn = await listener.accept();
    listener.close();
    await conn.read(new Uint8Array(8192));
    const encoder = new TextEncoder();
    await conn.write(encoder.encode(head));
    let rest = new Uint8Array(bytes).fill(1);
    while (rest.length > 0) rest = rest.subarray(await conn.write(rest));
    conn.close();
  })();
  return { url: `http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`, done };
}

for (
  const [name, head] of [
    ["Content-Length", "HTTP/1.1 200 OK\r\ncontent-length: 1000000\r\n\r\n"],
    ["chunked", "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n100000\r\n"],
  ]
) {
  Deno.test(`downloadToFile leaves no file when the connection is cut mid-stream (${name})`, async () => {
    const server = cuttingServer(head, 64 * 1024);
    const dir = await Deno.makeTempDir();
    try {
      const path = join(dir, "video.mp4");
      const error = await downloadToFile(`${server.url}/video.mp4`, path).then(
        () => assert.fail("should fail"),
        (e) => e,
      );
      assert.ok(error instanceof RestreamError, String(error));
      assert.equal(error.kind, "network");
      assert.match(error.message, /download from 127\.0\.0\.1:\d+ failed/);
      assert.deepEqual(await listDir(dir), [], "neither the file nor its temporary copy remains");
    } finally {
      await server.done;
      await Deno.remove(dir, { recursive: true });
    }
  });
}

Deno.test("downloadToFile removes the temporary file when aborted mid-stream", async () => {
  let release = (): void => {};
  const released = new Promise<void>((resolve) => release = resolve);
  const server = serve(() => {
    let first = true;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (first) {
          first = false;
          controller.enqueue(new Uint8Array(1024));
          return;
        }
        await released;
        controller.close();
      },
      cancel: () => release(),
    });
    return new Response(body);
  });
  const dir = await Deno.makeTempDir();
  const abort = new AbortController();
  try {
    const error = await downloadToFile(`${server.url}/big.mp4`, join(dir, "big.mp4"), {
      signal: abort.signal,
      onProgress: () => abort.abort(),
    }).then(() => assert.fail("should fail"), (e) => e);
    assert.ok(error instanceof RestreamError);
    assert.equal(error.kind, "interrupted");
    assert.deepEqual(await listDir(dir), []);
  } finally {
    release();
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("downloadToFile gives up on a stalled body after the idle timeout", async () => {
  let release = (): void => {};
  const released = new Promise<void>((resolve) => release = resolve);
  const server = serve(() => {
    let first = true;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (first) {
          first = false;
          controller.enqueue(new Uint8Array(5));
          return;
        }
        await released;
        controller.close();
      },
      cancel: () => release(),
    });
    return new Response(body);
  });
  const dir = await Deno.makeTempDir();
  try {
    const error = await downloadToFile(`${server.url}/slow.mp4`, join(dir, "slow.mp4"), {
      idleTimeoutMs: 50,
    }).then(() => assert.fail("should fail"), (e) => e);
    assert.equal(error.kind, "timeout");
    assert.match(error.message, /stalled after 5 bytes/);
    assert.deepEqual(await listDir(dir), []);
  } finally {
    release();
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("downloadToFile refuses to overwrite without force, before any request", async () => {
  const server = serve(() => new Response("new"));
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "kept.txt");
    await Deno.writeTextFile(path, "old");
    await assert.rejects(
      downloadToFile(`${server.url}/kept.txt`, path),
      (e: unknown) =>
        e instanceof RestreamError && e.kind === "usage" && /already exists/.test(e.message),
    );
    assert.equal(server.seen.length, 0);
    assert.equal(await Deno.readTextFile(path), "old");
    const result = await downloadToFile(`${server.url}/kept.txt`, path, { force: true });
    assert.equal(result.bytes, 3);
    assert.equal(await Deno.readTextFile(path), "new");
    assert.deepEqual(await listDir(dir), ["kept.txt"]);
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("downloadToFile maps an expired link (HTTP 403) and a missing one (404), never showing the signature", async () => {
  const server = serve((request) =>
    new URL(request.url).pathname === "/gone"
      ? new Response("<Error><Code>NoSuchKey</Code></Error>", { status: 404 })
      : new Response("<Error><Code>AccessDenied</Code></Error>", { status: 403 })
  );
  const dir = await Deno.makeTempDir();
  const lines: string[] = [];
  try {
    const forbidden = await downloadToFile(`${server.url}/old?Signature=abc123`, join(dir, "a"), {
      log: (line) => lines.push(line),
    }).then(() => assert.fail("should fail"), (e) => e);
    assert.equal(forbidden.kind, "forbidden");
    assert.equal(forbidden.status, 403);
    assert.ok(!forbidden.message.includes("abc123"));
    const missing = await downloadToFile(`${server.url}/gone`, join(dir, "b")).then(
      () => assert.fail("should fail"),
      (e) => e,
    );
    assert.equal(missing.kind, "not_found");
    assert.ok(lines.length > 0 && lines.every((l) => !l.includes("abc123")), lines.join("\n"));
    assert.deepEqual(await listDir(dir), []);
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("downloadToFile: an error answer whose body never ends is cut off, not held in memory", async () => {
  let pulled = 0;
  const endless = (): ReadableStream<Uint8Array> =>
    new ReadableStream({
      pull(controller) {
        pulled += MB;
        controller.enqueue(new Uint8Array(MB).fill(0x41));
      },
    });
  const dir = await Deno.makeTempDir();
  try {
    const error = await downloadToFile("https://files.example/x", join(dir, "x"), {
      fetch: () => Promise.resolve(new Response(endless(), { status: 500 })),
    }).then(() => assert.fail("should fail"), (e) => e);
    assert.ok(error instanceof RestreamError, String(error));
    assert.equal(error.status, 500);
    assert.ok(pulled <= 2 * MB, `read ${pulled / MB} MiB of an error body`);
    assert.deepEqual(await listDir(dir), []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("downloadToFile picks the file name from the response when given a function", async () => {
  const server = serve(() =>
    new Response("a,b\n", {
      headers: {
        "content-type": "text/csv",
        "content-disposition": 'attachment; filename="../../etc/chat export.csv"',
      },
    })
  );
  const dir = await Deno.makeTempDir();
  try {
    const result = await downloadToFile(
      `${server.url}/protected/chat/export?token=t`,
      (response, url) => join(dir, suggestedFileName(response, "chat-1", { url })),
    );
    assert.equal(result.path, join(dir, ".._.._etc_chat export.csv".replace(/^[.\s]+/, "")));
    assert.deepEqual(await listDir(dir), ["_.._etc_chat export.csv"]);
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("downloadToFile rejects a link that is not http(s)", async () => {
  await assert.rejects(
    downloadToFile("file:///etc/passwd", "/tmp/never"),
    (e: unknown) => e instanceof RestreamError && e.kind === "invalid_response",
  );
});

Deno.test("suggestedFileName: disposition, then the URL's file name, then fallback + type", () => {
  const response = (headers: Record<string, string>): Response => new Response(null, { headers });
  assert.equal(
    suggestedFileName(
      response({ "content-disposition": "attachment; filename*=UTF-8''a%20b.mp4" }),
      "x",
    ),
    "a b.mp4",
  );
  assert.equal(
    suggestedFileName(response({}), "x", { url: "https://h/p/rec%201.mp4?sig=1" }),
    "rec 1.mp4",
  );
  assert.equal(
    suggestedFileName(response({ "content-type": "text/csv" }), "chat-1", {
      url: "https://h/export",
    }),
    "chat-1.csv",
  );
  assert.equal(
    suggestedFileName(response({}), "My: talk", { url: "https://h/export" }),
    "My_ talk",
  );
  assert.equal(
    suggestedFileName(response({}), "talk.mov", { url: "https://h/export" }),
    "talk.mov",
  );
  assert.equal(safeName("../.."), "_..");
  assert.equal(safeName("..."), undefined);
});
