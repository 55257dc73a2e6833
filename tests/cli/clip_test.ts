import assert from "node:assert/strict";
import { join } from "node:path";
import { runCapture } from "../support/cli.ts";
import { FakeFetch } from "../support/fake_fetch.ts";

const ENV = { RESTREAM_TOKEN: "tok" };
const FILE_ID = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
const PROJECT = (id: string, title: string) => ({
  projectId: id,
  sourceTypeName: "VideoStorageFile",
  sourceIdentifier: FILE_ID,
  title,
  clipsCount: 3,
  clipThumbnails: [],
  generatingClipsNow: id === "p2",
  createdAt: "2026-01-28T15:50:30.420Z",
  extra: "kept",
});

Deno.test("clip projects --json prints the projects of one page, without the wrapper", async () => {
  const fake = new FakeFetch().on("GET", "/v2/user/clips/projects", {
    body: { projects: [PROJECT("p1", "One")], pagination: { nextCursor: "c1", hasMore: true } },
  });
  const result = await runCapture(["clip", "projects", "--json"], { fetch: fake.fetch, env: ENV });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), [PROJECT("p1", "One")]);
  assert.equal(result.stderr, "", "no notice under --json");
});

Deno.test("clip projects --all follows nextCursor; --sort and --limit map to the API", async () => {
  const fake = new FakeFetch()
    .on("GET", "/v2/user/clips/projects", {
      body: { projects: [PROJECT("p1", "One")], pagination: { nextCursor: "c1", hasMore: true } },
    }, { query: { sortBy: "LastActivity", limit: "1" } })
    .on("GET", "/v2/user/clips/projects", {
      body: { projects: [PROJECT("p2", "Two")], pagination: { nextCursor: null, hasMore: false } },
    }, { query: { cursor: "c1", sortBy: "LastActivity", limit: "1" } });
  const result = await runCapture(
    ["clip", "projects", "--all", "--sort", "activity", "--limit", "1"],
    { fetch: fake.fetch, env: ENV },
  );
  assert.equal(result.code, 0, result.stderr);
  const lines = result.stdout.split("\n");
  assert.equal(lines[0], "ID\tTITLE\tSOURCE\tCLIPS\tGENERATING\tCREATED");
  // The source kind in words, not the API's `VideoStorageFile`.
  assert.match(lines[1], /^p1\tOne\tstored video\t3\t\t2026-01-2\d/);
  assert.match(lines[2], /^p2\tTwo\tstored video\t3\tyes\t/);
  assert.equal(fake.requests[0].url.searchParams.get("cursor"), null);
  fake.assertDone();
});

Deno.test("clip projects without --all says on stderr that more exist", async () => {
  const fake = new FakeFetch().on("GET", "/v2/user/clips/projects", {
    body: { projects: [PROJECT("p1", "One")], pagination: { nextCursor: "c1", hasMore: true } },
  });
  const result = await runCapture(["--no-color", "clip", "projects"], {
    fetch: fake.fetch,
    env: ENV,
    terminal: 100,
  });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^ID\s+TITLE\s+SOURCE/);
  assert.match(result.stderr, /--all/);
});

Deno.test("clip projects rejects a bad --sort or --limit with exit 2 and no request", async () => {
  for (
    const argv of [["clip", "projects", "--sort", "name"], ["clip", "projects", "--limit", "101"]]
  ) {
    const fake = new FakeFetch();
    const result = await runCapture(argv, { fetch: fake.fetch, env: ENV });
    assert.equal(result.code, 2, argv.join(" "));
    assert.equal(fake.requests.length, 0);
  }
});

Deno.test("clip project prints the clips as a table; --json the whole object", async () => {
  const body = {
    generatingClipsNow: true,
    clips: [{
      clipId: "c-1",
      name: "Best bit",
      viralityScore: 84,
      sourceStartSeconds: 411,
      sourceEndSeconds: 469,
      createdAt: "2026-01-28T15:56:37.452Z",
    }],
    postedClips: [{ clipId: "c-1", platform: "YouTube" }],
  };
  const fake = () => new FakeFetch().on("GET", "/v2/user/clips/projects/p1", { body });
  const piped = await runCapture(["clip", "project", "p1"], { fetch: fake().fetch, env: ENV });
  assert.equal(piped.code, 0, piped.stderr);
  const lines = piped.stdout.split("\n");
  assert.equal(lines[0], "ID\tNAME\tSCORE\tFROM\tTO\tCREATED");
  assert.match(lines[1], /^c-1\tBest bit\t84\t6:51\t7:49\t2026-01-28/);
  assert.match(piped.stderr, /being generated/);
  const json = await runCapture(["clip", "project", "p1", "--json"], {
    fetch: fake().fetch,
    env: ENV,
  });
  assert.deepEqual(JSON.parse(json.stdout), body);
});

Deno.test("clip create sends the storage file, title and time range", async () => {
  const fake = new FakeFetch().on("POST", "/v2/user/clips/projects", {
    status: 201,
    body: { projectId: "p9" },
  });
  const result = await runCapture([
    "clip",
    "create",
    "--file",
    FILE_ID,
    "--title",
    "My webinar",
    "--from",
    "1:30",
    "--to",
    "125.5",
    "--json",
  ], { fetch: fake.fetch, env: ENV });
  assert.equal(result.code, 0, result.stderr);
  const sent = {
    sourceType: "VideoStorageFile",
    videoStorageFileId: FILE_ID,
    title: "My webinar",
    selectedTimeRange: { startSeconds: 90, endSeconds: 125.5 },
  };
  assert.deepEqual(JSON.parse(fake.requests[0].body), sent);
  const printed = JSON.parse(result.stdout);
  assert.equal(printed.projectId, "p9");
  assert.equal(printed.videoStorageFileId, FILE_ID);
  assert.equal(printed.alreadyProcessed, false);
});

Deno.test("clip create: 409 ClipsInputAlreadyProcessed is harmless (exit 0, told on stderr)", async () => {
  const fake = new FakeFetch().on("POST", "/v2/user/clips/projects", {
    status: 409,
    body: { error: { statusCode: 409, message: "ClipsInputAlreadyProcessed" } },
  });
  const result = await runCapture(["clip", "create", "--file", FILE_ID], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, "");
  assert.match(result.stderr, /already clipped.*--force-reprocess/);
  assert.deepEqual(JSON.parse(fake.requests[0].body), {
    sourceType: "VideoStorageFile",
    videoStorageFileId: FILE_ID,
  });
});

Deno.test("clip create: another 409 is still an error; --force-reprocess is sent", async () => {
  const fake = new FakeFetch().on("POST", "/v2/user/clips/projects", {
    status: 409,
    body: { error: { message: "SomethingElse" } },
  });
  const result = await runCapture(["clip", "create", "--file", FILE_ID, "--force-reprocess"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /SomethingElse/);
  assert.equal(JSON.parse(fake.requests[0].body).forceReprocess, true);
});

Deno.test("clip create validates before sending: exit 2, no request", async () => {
  const cases = [
    ["clip", "create"],
    ["clip", "create", "--file", "a b"],
    ["clip", "create", "--file", FILE_ID, "--from", "10"],
    ["clip", "create", "--file", FILE_ID, "--from", "20", "--to", "10"],
    ["clip", "create", "--file", FILE_ID, "--from", "1:75", "--to", "200"],
    ["clip", "create", "--file", FILE_ID, "--from", "x", "--to", "200"],
  ];
  for (const argv of cases) {
    const fake = new FakeFetch();
    const result = await runCapture(argv, { fetch: fake.fetch, env: ENV });
    assert.equal(result.code, 2, `${argv.join(" ")}: ${result.stderr}`);
    assert.equal(fake.requests.length, 0);
  }
});

Deno.test("clip download saves the clip under the link's file name in -o DIR", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const fake = new FakeFetch()
      .on("GET", "/v2/user/clips/c-1/download", {
        body: { downloadUrl: "https://cdn.example/clips/best-bit.mp4?sig=1" },
      })
      .on("GET", "/clips/best-bit.mp4", { body: "CLIP" }, { query: { sig: "1" } });
    const result = await runCapture(["clip", "download", "c-1", "-o", dir, "--json"], {
      fetch: fake.fetch,
      env: ENV,
    });
    assert.equal(result.code, 0, result.stderr);
    const path = join(dir, "best-bit.mp4");
    assert.deepEqual(JSON.parse(result.stdout), { clipId: "c-1", path, bytes: 4 });
    assert.equal(await Deno.readTextFile(path), "CLIP");
    assert.equal(fake.requests[1].headers.get("authorization"), null);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("clip download: a bad id exits 2 without a request; a 404 exits 4", async () => {
  const none = new FakeFetch();
  const bad = await runCapture(["clip", "download", "x/../y"], { fetch: none.fetch, env: ENV });
  assert.equal(bad.code, 2);
  assert.equal(none.requests.length, 0);
  const fake = new FakeFetch().on("GET", "/v2/user/clips/c-9/download", { status: 404 });
  const dir = await Deno.makeTempDir();
  try {
    const missing = await runCapture(["clip", "download", "c-9", "-o", `${dir}/x.mp4`], {
      fetch: fake.fetch,
      env: ENV,
    });
    assert.equal(missing.code, 4);
    assert.equal(missing.stderr, "error: clip c-9 not found\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("clip projects --all: an API that names a cursor already read stops with one warning, exit 0", async () => {
  const fake = new FakeFetch()
    .on("GET", "/v2/user/clips/projects", {
      body: { projects: [PROJECT("p1", "One")], pagination: { nextCursor: "c1", hasMore: true } },
    }, { query: {} })
    .on("GET", "/v2/user/clips/projects", {
      body: { projects: [PROJECT("p2", "Two")], pagination: { nextCursor: "c1", hasMore: true } },
    }, { query: { cursor: "c1" } });
  const result = await runCapture(["clip", "projects", "--all", "--json"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout).map((p: { projectId: string }) => p.projectId), [
    "p1",
    "p2",
  ]);
  assert.equal(result.stderr, "warning: stopped at page 3: the API repeated a page\n");
  fake.assertDone();
});
