import assert from "node:assert/strict";
import { join } from "node:path";
import { runCli } from "../../src/cli/run.ts";
import { runCapture } from "../support/cli.ts";
import { FakeFetch } from "../support/fake_fetch.ts";

const ENV = { RESTREAM_TOKEN: "tok-123" };

Deno.test("api GET prints the body exactly as received, with the bearer token", async () => {
  const raw = '{"id": 1,   "username":"ann" ,"extra":[1,2]}';
  const fake = new FakeFetch().on("GET", "/v2/user/profile", { body: raw });
  const result = await runCapture(["api", "user/profile"], { fetch: fake.fetch, env: ENV });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, raw, "piped: byte for byte, no newline added");
  assert.equal(result.stderr, "");
  assert.equal(fake.requests[0].method, "GET");
  assert.equal(fake.requests[0].headers.get("authorization"), "Bearer tok-123");
  fake.assertDone();
});

Deno.test("api prints a non-JSON body as is, and --json changes nothing", async () => {
  const fake = new FakeFetch().on("GET", "/v2/page", { body: "<html>hi</html>" });
  const result = await runCapture(["api", "/page", "--json"], { fetch: fake.fetch, env: ENV });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, "<html>hi</html>");
});

Deno.test("api on a terminal ends the body with a newline", async () => {
  const fake = new FakeFetch().on("GET", "/v2/user/profile", { body: '{"id":1}' });
  const result = await runCapture(["api", "user/profile"], {
    fetch: fake.fetch,
    env: ENV,
    terminal: 80,
  });
  assert.equal(result.stdout, '{"id":1}\n');
});

Deno.test("api resolves paths: relative to /v2, /v2/ and /oauth/ from the origin, queries kept", async () => {
  const cases: Array<[string, string, string]> = [
    ["user/profile", "/v2/user/profile", ""],
    ["/user/events/history?page=2", "/v2/user/events/history", "?page=2"],
    ["/v2/platform/all", "/v2/platform/all", ""],
    ["/oauth/anything", "/oauth/anything", ""],
    ["https://api.restream.io/v2/server/all", "/v2/server/all", ""],
  ];
  for (const [input, path, search] of cases) {
    const query = Object.fromEntries(new URLSearchParams(search));
    const fake = new FakeFetch().on("GET", path, { body: "{}" }, { query });
    const argv = ["api", input, ...(path.startsWith("/oauth/") ? ["--allow-oauth"] : [])];
    const result = await runCapture(argv, { fetch: fake.fetch, env: ENV });
    assert.equal(result.code, 0, `${input}: ${result.stderr}`);
    assert.equal(fake.requests[0].url.pathname, path, input);
    assert.equal(fake.requests[0].url.search, search, input);
    assert.equal(fake.requests[0].url.origin, "https://api.restream.io");
  }
});

Deno.test("api refuses paths under /oauth/ (exit 2, nothing sent) unless --allow-oauth", async () => {
  const fake = new FakeFetch();
  for (
    const path of [
      "oauth/token",
      "/oauth/token",
      "https://api.restream.io/OAuth/revoke",
      "/v2/../oauth/token",
      "/v2/%2e%2e/oauth/token",
      "https://api.restream.io/oauth/token",
      // What a server or proxy in front may still read as /oauth/: merged slashes (nginx),
      // encoded separators and dots, backslashes, `;` path parameters (Tomcat, Spring).
      "/v2/..//oauth/token",
      "https://api.restream.io//oauth/token",
      "/v2/..%2Foauth/token",
      "/v2/.%2e/%2Foauth/token",
      "/v2/%252e%252e/oauth/token",
      "/v2/..%5Coauth/token",
      "/v2/..;/oauth/token",
    ]
  ) {
    const result = await runCapture(["api", path, "-X", "POST"], { fetch: fake.fetch, env: ENV });
    assert.equal(result.code, 2, path);
    assert.match(
      result.stderr,
      /^error: refusing to send a request to \/oauth\/\w+: OAuth endpoints can rotate the stored tokens \(pass --allow-oauth/i,
      path,
    );
  }
  assert.equal(fake.requests.length, 0);
  fake.on("POST", "/oauth/token", { body: "{}" });
  const allowed = await runCapture(["api", "oauth/token", "-X", "POST", "--allow-oauth"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(allowed.code, 0, allowed.stderr);
  fake.assertDone();
});

Deno.test("api refuses a URL on another origin: the token never leaves", async () => {
  const fake = new FakeFetch();
  const result = await runCapture(["api", "https://evil.example/v2/user/profile"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /not the API origin/);
  assert.equal(fake.requests.length, 0);
});

Deno.test("api -f/-F build a typed JSON body and make the method POST", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = join(dir, "description.txt");
    await Deno.writeTextFile(file, "line one\nline two\n");
    const fake = new FakeFetch().on("POST", "/v2/user/events/new", { status: 201, body: "{}" });
    const result = await runCapture([
      "api",
      "user/events/new",
      "-f",
      "title=5",
      "-F",
      "count=5",
      "-F",
      "ratio=-1.5",
      "-F",
      "on=true",
      "-F",
      "off=false",
      "-F",
      "none=null",
      "-F",
      `description=@${file}`,
      "-F",
      "plain=word",
      "-f",
      "range[start]=1",
      "-F",
      "range[end]=2",
      "-F",
      "tags[]=1",
      "-f",
      "tags[]=two",
      "-f",
      "eq=a=b",
    ], { fetch: fake.fetch, env: ENV });
    assert.equal(result.code, 0, result.stderr);
    const request = fake.requests[0];
    assert.equal(request.method, "POST");
    assert.equal(request.headers.get("content-type"), "application/json");
    assert.equal(request.url.search, "");
    assert.deepEqual(JSON.parse(request.body), {
      title: "5",
      count: 5,
      ratio: -1.5,
      on: true,
      off: false,
      none: null,
      description: "line one\nline two\n",
      plain: "word",
      range: { start: "1", end: 2 },
      tags: [1, "two"],
      eq: "a=b",
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("api -X GET sends fields in the query string, repeated keys kept", async () => {
  const fake = new FakeFetch().on("GET", "/v2/user/events/history", { body: "{}" }, {
    query: { page: "2", a: ["x y", "z"] },
  });
  const result = await runCapture(
    ["api", "user/events/history", "-X", "get", "-F", "page=2", "-f", "a=x y", "-f", "a=z"],
    { fetch: fake.fetch, env: ENV },
  );
  assert.equal(result.code, 0, result.stderr);
  const request = fake.requests[0];
  assert.equal(request.method, "GET");
  assert.equal(request.body, "");
  assert.equal(request.url.searchParams.get("page"), "2");
  assert.deepEqual(request.url.searchParams.getAll("a"), ["x y", "z"]);
});

Deno.test("api -X sets any method; PATCH with fields sends a JSON body", async () => {
  const fake = new FakeFetch().on("PATCH", "/v2/user/channel/7", { body: "" });
  const result = await runCapture(["api", "user/channel/7", "-X", "PATCH", "-F", "active=false"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, "", "an empty body prints nothing");
  assert.deepEqual(JSON.parse(fake.requests[0].body), { active: false });
});

Deno.test("api --input sends a file as is (POST, JSON type); fields then go to the query", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = join(dir, "body.json");
    const body = '{ "title" : "as is" }\n';
    await Deno.writeTextFile(file, body);
    const fake = new FakeFetch().on("POST", "/v2/user/events/new", { body: '{"id":"x"}' }, {
      query: { q: "1" },
    });
    const result = await runCapture(["api", "user/events/new", "--input", file, "-f", "q=1"], {
      fetch: fake.fetch,
      env: ENV,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(fake.requests[0].body, body);
    assert.equal(fake.requests[0].headers.get("content-type"), "application/json");
    assert.equal(fake.requests[0].url.search, "?q=1");
    assert.equal(result.stdout, '{"id":"x"}');
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("api --input - reads the body from stdin; -X PUT keeps it", async () => {
  const fake = new FakeFetch().on("PUT", "/v2/thing", { body: "{}" });
  const result = await runCapture(["api", "thing", "--input", "-", "-X", "PUT"], {
    fetch: fake.fetch,
    env: ENV,
    stdin: '{"from":"stdin"}',
  });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(fake.requests[0].method, "PUT");
  assert.equal(fake.requests[0].body, '{"from":"stdin"}');
});

Deno.test("api --paginate follows page/pages_total and prints one array", async () => {
  const page = (n: number, ids: number[]) => ({
    body: { items: ids.map((id) => ({ id })), pagination: { page: n, pages_total: 3, limit: 2 } },
  });
  const fake = new FakeFetch()
    .on("GET", "/v2/user/events/history", page(1, [1, 2]), { query: { limit: "2" } })
    .on("GET", "/v2/user/events/history", page(2, [3, 4]), { query: { page: "2", limit: "2" } })
    .on("GET", "/v2/user/events/history", page(3, [5]), { query: { page: "3", limit: "2" } });
  const result = await runCapture(
    ["api", "user/events/history?limit=2", "--paginate"],
    { fetch: fake.fetch, env: ENV },
  );
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), [1, 2, 3, 4, 5].map((id) => ({ id })));
  assert.equal(fake.requests.length, 3);
  fake.assertDone();
});

Deno.test("api --paginate follows nextCursor while hasMore", async () => {
  const fake = new FakeFetch()
    .on("GET", "/v2/user/clips/projects", {
      body: { projects: [{ projectId: "a" }], pagination: { nextCursor: "c1", hasMore: true } },
    })
    .on("GET", "/v2/user/clips/projects", {
      body: { projects: [{ projectId: "b" }], pagination: { nextCursor: "c2", hasMore: false } },
    }, { query: { cursor: "c1" } });
  const result = await runCapture(["api", "user/clips/projects", "--paginate"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), [{ projectId: "a" }, { projectId: "b" }]);
  assert.equal(fake.requests[1].url.searchParams.get("cursor"), "c1");
  fake.assertDone();
});

Deno.test("api --paginate with a page that repeats stops with one warning and exit 0, not a loop", async () => {
  const body = {
    projects: [{ projectId: "a" }],
    pagination: { nextCursor: "same", hasMore: true },
  };
  const fake = new FakeFetch()
    .on("GET", "/v2/user/clips/projects", { body })
    .on("GET", "/v2/user/clips/projects", { body }, { query: { cursor: "same" } });
  const result = await runCapture(["api", "user/clips/projects", "--paginate"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, '[{"projectId":"a"}]\n');
  assert.equal(result.stderr, "warning: stopped at page 2: the API repeated a page\n");
  assert.equal(fake.requests.length, 2);
});

Deno.test("api --paginate writes each page as it arrives; a failing page leaves the array open", async () => {
  const page = (n: number) => ({ items: [{ n }], pagination: { page: n, pages_total: 3 } });
  let stdout = "";
  let stdoutWhenPage2WasAsked = "";
  const fake = new FakeFetch()
    .on("GET", "/v2/user/events/history", { body: page(1) }, { query: {} })
    .on("GET", "/v2/user/events/history", () => {
      stdoutWhenPage2WasAsked = stdout;
      return Response.json(page(2));
    }, { query: { page: "2" } })
    .on("GET", "/v2/user/events/history", { status: 404, body: { message: "gone" } }, {
      query: { page: "3" },
    });
  let stderr = "";
  const code = await runCli(["api", "user/events/history", "--paginate"], {
    stdout: { write: (text) => void (stdout += text) },
    stderr: { write: (text) => void (stderr += text) },
    stdoutIsTerminal: false,
    stdinIsTerminal: false,
    env: (name) => (ENV as Record<string, string>)[name],
    fetch: fake.fetch,
  });
  assert.equal(stdoutWhenPage2WasAsked, '[{"n":1}', "page 1 was out before page 2 was asked for");
  assert.equal(code, 4, stderr);
  assert.equal(stdout, '[{"n":1},{"n":2}');
  assert.match(stderr, /gone/);
  fake.assertDone();
});

Deno.test("api --paginate on a terminal writes the same text as one pretty array", async () => {
  const items = [{ a: 1, b: [1, 2] }, { a: 2 }];
  for (const pages of [[items], [items.slice(0, 1), items.slice(1)], [[]]]) {
    const fake = new FakeFetch();
    pages.forEach((list, i) =>
      fake.on("GET", "/v2/x", {
        body: { items: list, pagination: { page: i + 1, pages_total: pages.length } },
      }, { query: i === 0 ? {} : { page: String(i + 1) } })
    );
    const result = await runCapture(["api", "x", "--paginate"], {
      fetch: fake.fetch,
      env: ENV,
      terminal: 80,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `${JSON.stringify(pages.flat(), null, 2)}\n`);
    fake.assertDone();
  }
});

Deno.test("api -i prints the status line and headers to stderr, the body alone to stdout", async () => {
  const fake = new FakeFetch().on("GET", "/v2/user/profile", {
    body: '{"id":1}',
    headers: { "x-request-id": "r-9" },
  });
  const result = await runCapture(["api", "-i", "user/profile"], { fetch: fake.fetch, env: ENV });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, '{"id":1}');
  assert.match(result.stderr, /^HTTP 200\b/);
  assert.match(result.stderr, /^x-request-id: r-9$/m);
  assert.match(result.stderr, /^content-type: text\/plain/m);
});

Deno.test("api maps errors to exit codes and keeps stdout empty", async () => {
  const cases: Array<[number, number, string]> = [
    [401, 3, "auth"],
    [403, 3, "forbidden"],
    [404, 4, "not_found"],
    [429, 5, "rate_limited"],
    [500, 1, "server"],
    // Refused as invalid by the API: not a usage error (the CLI sent it), exit 1.
    [400, 1, "bad_request"],
    [405, 1, "bad_request"],
    [409, 1, "bad_request"],
    [410, 1, "bad_request"],
    [413, 1, "bad_request"],
    [422, 1, "bad_request"],
  ];
  for (const [status, code, kind] of cases) {
    const fake = new FakeFetch().on("GET", "/v2/user/profile", {
      status,
      body: { error: { message: `failed ${status}` } },
      headers: { "retry-after": "0" },
    }, { repeat: true });
    const result = await runCapture(["api", "user/profile", "--json"], {
      fetch: fake.fetch,
      env: ENV,
    });
    assert.equal(result.code, code, `HTTP ${status}`);
    assert.equal(result.stdout, "", `HTTP ${status}: nothing on stdout`);
    const error = JSON.parse(result.stderr).error;
    assert.equal(error.kind, kind);
    assert.equal(error.status, status);
    assert.match(error.message, new RegExp(`failed ${status}`));
  }
});

Deno.test("api: a 422 shows the API's message and no --help hint (the request was sent)", async () => {
  const fake = new FakeFetch().on("PATCH", "/v2/user/channel/1", {
    status: 422,
    body: { error: { message: "title is too long" } },
  });
  const result = await runCapture(["api", "user/channel/1", "-X", "PATCH", "-F", "a=1"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(result.code, 1);
  assert.equal(
    result.stderr,
    "error: title is too long (HTTP 422 from PATCH /v2/user/channel/1)\n",
  );
});

Deno.test("api retries a GET after 429 through the shared pipeline", async () => {
  const fake = new FakeFetch().on("GET", "/v2/user/profile", [
    { status: 429, headers: { "retry-after": "0" } },
    { body: '{"ok":true}' },
  ]);
  const result = await runCapture(["api", "user/profile"], { fetch: fake.fetch, env: ENV });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, '{"ok":true}');
  fake.assertDone();
});

Deno.test("api usage errors exit 2 before any request", async () => {
  const cases: string[][] = [
    ["api", "user/profile", "-f", "novalue"],
    ["api", "user/profile", "-F", "=1"],
    ["api", "user/profile", "-F", "x=@/no/such/file"],
    ["api", "user/profile", "--input", "/no/such/file"],
    ["api", "user/profile", "-X", "PO ST"],
    ["api", "user/profile", "--paginate", "-X", "POST"],
    ["api", "user/profile", "-f", "a=1", "-f", "a[b]=2"],
    ["api", ""],
    ["api"],
  ];
  for (const argv of cases) {
    const fake = new FakeFetch();
    const result = await runCapture(argv, { fetch: fake.fetch, env: ENV });
    assert.equal(result.code, 2, `${argv.join(" ")}: ${result.stderr}`);
    assert.equal(fake.requests.length, 0, argv.join(" "));
    assert.equal(result.stdout, "");
  }
});

Deno.test("api --paginate with -F says -X GET sends the fields as the query", async () => {
  const result = await runCapture(["api", "user/events/history", "-F", "limit=5", "--paginate"], {
    fetch: new FakeFetch().fetch,
    env: ENV,
  });
  assert.equal(result.code, 2);
  assert.match(
    result.stderr,
    /^error: --paginate works only with GET, not POST \(-f\/-F make the method POST: add -X GET/,
  );
  const explicit = await runCapture(["api", "x", "-X", "PUT", "-F", "a=1", "--paginate"], {
    fetch: new FakeFetch().fetch,
    env: ENV,
  });
  assert.match(explicit.stderr, /^error: --paginate works only with GET, not PUT\n/);
});

Deno.test("api without a token exits 3", async () => {
  const fake = new FakeFetch();
  const result = await runCapture(["api", "user/profile"], { fetch: fake.fetch });
  assert.equal(result.code, 3);
  assert.match(result.stderr, /not logged in/);
});
