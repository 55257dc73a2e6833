import assert from "node:assert/strict";
import { join } from "node:path";
import { runCapture } from "../support/cli.ts";
import { FakeFetch } from "../support/fake_fetch.ts";
import { withTempDir } from "../support/temp_dir.ts";

const ENV = { RESTREAM_TOKEN: "tok" };
const ID = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
const FILES = [
  {
    id: ID,
    title: "My webinar",
    sizeBytes: 12_500_000,
    durationSeconds: 3725,
    status: "Ready",
    createdAt: "2026-01-28T15:50:30.420Z",
    bucket: "kept",
  },
  // The API sends 0 for a file still processing: no duration, not `0:00`.
  { id: "b2", title: "Processing one", status: "Processing", durationSeconds: 0 },
];

Deno.test("storage list --json prints the files array with unknown fields", async () => {
  const fake = new FakeFetch().on("GET", "/v2/user/storage/files", { body: { files: FILES } });
  const result = await runCapture(["storage", "list", "--json"], { fetch: fake.fetch, env: ENV });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), FILES);
});

Deno.test("storage list piped: tab-separated columns with a header", async () => {
  const fake = new FakeFetch().on("GET", "/v2/user/storage/files", { body: { files: FILES } });
  const result = await runCapture(["storage", "list"], { fetch: fake.fetch, env: ENV });
  const lines = result.stdout.split("\n");
  assert.equal(lines[0], "ID\tTITLE\tSTATUS\tSIZE\tDURATION\tCREATED");
  assert.match(lines[1], new RegExp(`^${ID}\tMy webinar\tReady\t12\\.5 MB\t1:02:05\t2026-01-2\\d`));
  assert.equal(lines[2], "b2\tProcessing one\tProcessing\t\t\t");
});

Deno.test("storage list on a terminal: an aligned table within the width", async () => {
  const fake = new FakeFetch().on("GET", "/v2/user/storage/files", { body: { files: FILES } });
  const result = await runCapture(["--no-color", "storage", "list"], {
    fetch: fake.fetch,
    env: ENV,
    terminal: 70,
  });
  const lines = result.stdout.trimEnd().split("\n");
  assert.match(lines[0], /ID\s+TITLE\s+STATUS/);
  assert.ok(!result.stdout.includes("\x1b["), "no colour with --no-color");
  for (const line of lines) assert.ok(line.length <= 70, line);
});

Deno.test("storage get prints a block; --json the object", async () => {
  const fake = new FakeFetch().on("GET", `/v2/user/storage/files/${ID}`, { body: FILES[0] });
  const result = await runCapture(["storage", "get", ID], { fetch: fake.fetch, env: ENV });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^Title: +My webinar$/m);
  assert.match(result.stdout, /^Duration: +1:02:05$/m);
  const json = await runCapture(["storage", "get", ID, "--json"], {
    fetch: new FakeFetch().on("GET", `/v2/user/storage/files/${ID}`, { body: FILES[0] }).fetch,
    env: ENV,
  });
  assert.deepEqual(JSON.parse(json.stdout), FILES[0]);
});

Deno.test("storage get of a failed file shows no Duration line (not 0:00)", async () => {
  const failed = { id: "f1", title: "Broken", status: "Failed", durationSeconds: 0 };
  const fake = new FakeFetch().on("GET", "/v2/user/storage/files/f1", { body: failed });
  const result = await runCapture(["storage", "get", "f1"], { fetch: fake.fetch, env: ENV });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^Status: +Failed$/m);
  assert.doesNotMatch(result.stdout, /Duration/);
});

Deno.test("storage get: a 404 exits 4 naming the file", async () => {
  const fake = new FakeFetch().on("GET", `/v2/user/storage/files/${ID}`, {
    status: 404,
    body: { error: { message: "StorageFileNotFound", name: "storage_file_not_found" } },
  });
  const result = await runCapture(["storage", "get", ID], { fetch: fake.fetch, env: ENV });
  assert.equal(result.code, 4);
  assert.equal(result.stderr, `error: storage file ${ID} not found\n`);
});

Deno.test("storage commands reject a malformed id with exit 2 and no request", async () => {
  for (
    const argv of [
      ["storage", "get", "a/b"],
      ["storage", "get", "has space"],
      ["storage", "download", "../x"],
      ["storage", "get", ""],
    ]
  ) {
    const fake = new FakeFetch();
    const result = await runCapture(argv, { fetch: fake.fetch, env: ENV });
    assert.equal(result.code, 2, `${argv.join(" ")}: ${result.stderr}`);
    assert.equal(fake.requests.length, 0);
  }
});

function downloadFake(): FakeFetch {
  return new FakeFetch()
    .on("POST", `/v2/user/storage/files/${ID}/download-url`, {
      body: { downloadUrl: "https://cdn.example/u/1/f.mp4?X-Amz-Signature=s3cr3t" },
    })
    .on("GET", "/u/1/f.mp4", {
      body: "VIDEO-BYTES",
      headers: { "content-type": "video/mp4", "content-length": "11" },
    }, { query: { "X-Amz-Signature": "s3cr3t" } });
}

Deno.test("storage download -o FILE writes it; the link is fetched without the token", async () => {
  await withTempDir(async (dir) => {
    const fake = downloadFake();
    const path = join(dir, "out.mp4");
    const result = await runCapture(["storage", "download", ID, "-o", path], {
      fetch: fake.fetch,
      env: ENV,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(await Deno.readTextFile(path), "VIDEO-BYTES");
    assert.equal(result.stdout, "", "human mode: the confirmation goes to stderr");
    assert.match(result.stderr, /saved .*out\.mp4 \(11 B\)/);
    assert.equal(fake.requests[0].headers.get("authorization"), "Bearer tok");
    assert.equal(fake.requests[1].headers.get("authorization"), null);
    assert.ok(!result.stderr.includes("s3cr3t"));
    fake.assertDone();
  });
});

Deno.test("storage download into a directory names the file after its title", async () => {
  await withTempDir(async (dir) => {
    const fake = downloadFake()
      .on("GET", `/v2/user/storage/files/${ID}`, { body: { ...FILES[0], title: "Talk: part 1" } });
    const result = await runCapture(["storage", "download", ID, "-o", dir, "--json"], {
      fetch: fake.fetch,
      env: ENV,
    });
    assert.equal(result.code, 0, result.stderr);
    const path = join(dir, "Talk_ part 1.mp4");
    assert.deepEqual(JSON.parse(result.stdout), { id: ID, path, bytes: 11 });
    assert.equal(await Deno.readTextFile(path), "VIDEO-BYTES");
  });
});

Deno.test("storage download refuses an existing file before any request; --force replaces it", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "out.mp4");
    await Deno.writeTextFile(path, "OLD");
    const refused = new FakeFetch();
    const result = await runCapture(["storage", "download", ID, "-o", path], {
      fetch: refused.fetch,
      env: ENV,
    });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /already exists \(use --force/);
    assert.doesNotMatch(result.stderr, /--help/, "the message says what to do");
    assert.equal(refused.requests.length, 0);
    assert.equal(await Deno.readTextFile(path), "OLD");

    const fake = downloadFake();
    const forced = await runCapture(["storage", "download", ID, "-o", path, "--force"], {
      fetch: fake.fetch,
      env: ENV,
    });
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(await Deno.readTextFile(path), "VIDEO-BYTES");
  });
});

Deno.test("storage download draws progress on a terminal only, never with --json", async () => {
  await withTempDir(async (dir) => {
    const terminal = await runCapture(
      ["storage", "download", ID, "-o", join(dir, "a.mp4")],
      { fetch: downloadFake().fetch, env: ENV, terminal: 80 },
    );
    assert.equal(terminal.code, 0, terminal.stderr);
    assert.match(terminal.stderr, /\r.*100%/);
    const piped = await runCapture(
      ["storage", "download", ID, "-o", join(dir, "b.mp4")],
      { fetch: downloadFake().fetch, env: ENV },
    );
    assert.ok(!piped.stderr.includes("\r"), "no progress bar when piped");
    const json = await runCapture(
      ["storage", "download", ID, "-o", join(dir, "c.mp4"), "--json"],
      { fetch: downloadFake().fetch, env: ENV, terminal: 80 },
    );
    assert.equal(json.stderr, "");
  });
});

Deno.test("storage download: an expired link (403) exits 3 and leaves no file", async () => {
  await withTempDir(async (dir) => {
    const fake = new FakeFetch()
      .on("POST", `/v2/user/storage/files/${ID}/download-url`, {
        body: { downloadUrl: "https://cdn.example/u/1/f.mp4?sig=x" },
      })
      .on("GET", "/u/1/f.mp4", { status: 403, body: "<Error>AccessDenied</Error>" }, {
        query: { sig: "x" },
      });
    const result = await runCapture(["storage", "download", ID, "-o", join(dir, "x.mp4")], {
      fetch: fake.fetch,
      env: ENV,
    });
    assert.equal(result.code, 3);
    const left: string[] = [];
    for await (const entry of Deno.readDir(dir)) left.push(entry.name);
    assert.deepEqual(left, []);
  });
});
