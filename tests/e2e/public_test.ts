import assert from "node:assert/strict";
import { CHECKOUT_DIR } from "../../scripts/permissions.ts";
import { runProcess } from "../support/subprocess.ts";

const PLATFORMS = [{ id: 1, name: "Twitch", url: "https://twitch.tv", newField: [1, 2] }];

/** A tiny API on loopback that records the Authorization header it receives. */
async function withApi(
  fn: (url: string, seen: Array<string | null>) => Promise<void>,
): Promise<void> {
  const seen: Array<string | null> = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (request) => {
    seen.push(request.headers.get("authorization"));
    const path = new URL(request.url).pathname;
    if (path === "/v2/platform/all") return Response.json(PLATFORMS);
    return new Response("not found", { status: 404 });
  });
  try {
    await fn(`http://127.0.0.1:${server.addr.port}`, seen);
  } finally {
    await server.shutdown();
  }
}

Deno.test("e2e: platforms against a local API, piped and --json, no token sent", async () => {
  await withApi(async (url, seen) => {
    const env = { RESTREAM_API_URL: url, RESTREAM_TOKEN: "must-not-be-sent" };
    const json = await runProcess(["platforms", "--json"], { env });
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), PLATFORMS);

    const table = await runProcess(["platforms"], { env });
    assert.equal(table.stdout, "ID\tNAME\tURL\n1\tTwitch\thttps://twitch.tv\n");
    assert.deepEqual(seen, [null, null]);
  });
});

Deno.test("e2e: a command whose lazily loaded modules may not be read names --allow-read, exit 2", async () => {
  const result = await runProcess(["platforms"], {
    permissions: ["--allow-env", "--no-prompt"],
    env: { RUST_BACKTRACE: "1" },
  });
  assert.equal(result.code, 2);
  assert.match(
    result.stderr,
    /^error: permission denied: Requires read access to "[^"]+\.ts", run again with the --allow-read flag\n$/,
  );
});

Deno.test("e2e: a refused connection is a one-line error, exit 1, no stack trace", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const result = await runProcess(["servers"], {
    env: { RESTREAM_API_URL: `http://127.0.0.1:${port}`, RUST_BACKTRACE: "1" },
  });
  assert.equal(result.code, 1);
  assert.match(
    result.stderr,
    /^error: cannot reach http:\/\/127\.0\.0\.1:\d+: connection refused\n$/,
  );
});

Deno.test("e2e: a denied permission names the flag, exit 2, no retries, no stack trace", async () => {
  const result = await runProcess(["platforms"], {
    // Read of the checkout only: its modules load lazily (deno.json); the net is what is denied.
    permissions: ["--allow-env", `--allow-read=${CHECKOUT_DIR}`, "--no-prompt"],
    env: { RUST_BACKTRACE: "1" },
  });
  assert.equal(result.code, 2);
  assert.equal(
    result.stderr,
    'error: permission denied: Requires net access to "api.restream.io:443", run again with the --allow-net flag\n',
  );
});

Deno.test("e2e: one connection pool per process: the pages of --paginate reuse one keep-alive connection", async () => {
  const ports: number[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (request, info) => {
      ports.push(info.remoteAddr.port);
      const page = Number(new URL(request.url).searchParams.get("page") ?? 1);
      return Response.json({ items: [{ page }], pagination: { pages_total: 3, page, limit: 1 } });
    },
  );
  try {
    const result = await runProcess(["api", "user/events/history?limit=1", "--paginate"], {
      env: {
        RESTREAM_API_URL: `http://127.0.0.1:${server.addr.port}`,
        RESTREAM_TOKEN: "t",
        RUST_BACKTRACE: "1",
      },
    });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), [{ page: 1 }, { page: 2 }, { page: 3 }]);
    assert.equal(ports.length, 3);
    assert.equal(new Set(ports).size, 1, `client ports: ${ports.join(", ")}`);
  } finally {
    await server.shutdown();
  }
});

Deno.test("e2e: a RESTREAM_API_URL that is not an http(s) URL is a usage error, no stack trace, no --help hint", async () => {
  const results = await Promise.all(
    ["ftp://x", "not a url"].map((url) =>
      runProcess(["platforms"], { env: { RESTREAM_API_URL: url, RUST_BACKTRACE: "1" } })
    ),
  );
  for (const result of results) {
    assert.equal(result.code, 2, result.stderr);
    assert.equal(result.stdout, "");
    assert.match(
      result.stderr,
      /^error: RESTREAM_API_URL '[^']+' (is not a URL|has the wrong scheme): expected a URL starting with http:\/\/ or https:\/\/\n$/,
    );
  }
});
