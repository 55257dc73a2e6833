/**
 * End to end against the mock server: storage, clips and what an event leaves behind
 * (recordings, chat export), in `--json` and piped human mode, with downloads that land on
 * disk, refuse to overwrite, and leave nothing behind when they fail.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { stableUuid } from "../../src/mock/ids.ts";
import { SEED_EVENT_IDS } from "../../src/mock/seed_events.ts";
import { call } from "../support/mock.ts";
import { rowsOf, withE2e } from "../support/e2e.ts";
import { runProcess } from "../support/subprocess.ts";
import { withTempDir } from "../support/temp_dir.ts";

const READY_FILE = stableUuid("file-1");
const PROCESSING_FILE = stableUuid("file-3");
const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";
const { latestFinished } = SEED_EVENT_IDS;

async function listDir(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) names.push(entry.name);
  return names.sort();
}

Deno.test("e2e: storage list and get, both modes; a missing file is named", async () => {
  await withE2e(async ({ mock, json, table, block, run }) => {
    const [files, one, rows, shown, missing] = await Promise.all([
      json(["storage", "list"]),
      json(["storage", "get", READY_FILE]),
      table(["storage", "list"]),
      block(["storage", "get", READY_FILE]),
      run(["storage", "get", NO_SUCH_ID]),
    ]);
    const raw = (await call(mock, "/v2/user/storage/files")).json.files;
    // The items without the API's wrapper; unknown fields (folderId) survive.
    assert.deepEqual(files, raw);
    assert.ok(files.some((f: Record<string, unknown>) => "folderId" in f));
    assert.deepEqual(one, raw[0]);
    assert.deepEqual(rows[0], ["ID", "TITLE", "STATUS", "SIZE", "DURATION", "CREATED"]);
    assert.deepEqual(
      rowsOf(rows).map((r) => [r.ID, r.STATUS, r.SIZE, r.DURATION]),
      [
        [READY_FILE, "Ready", "2.15 GB", "2:01:00"],
        [raw[1].id, "Ready", "734.0 MB", "1:00:05"],
        // Not ready: no duration (the API's 0 is not a length).
        [PROCESSING_FILE, "Processing", "52.4 MB", ""],
        [raw[3].id, "Failed", "1.0 kB", ""],
      ],
    );
    assert.deepEqual(
      { ...shown, Created: undefined },
      {
        ID: READY_FILE,
        Title: "Speedrun Friday #41.mp4",
        Status: "Ready",
        Size: "2.15 GB",
        Duration: "2:01:00",
        Created: undefined,
      },
    );
    assert.deepEqual(missing, {
      code: 4,
      stdout: "",
      stderr: `error: storage file ${NO_SUCH_ID} not found\n`,
    });
  });
});

Deno.test("e2e: storage download lands on disk, refuses to overwrite, leaves no partial file", async () => {
  await withE2e(async ({ mock, run }) => {
    await withTempDir(async (dir) => {
      const first = await run(["storage", "download", READY_FILE, "-o", dir, "--json"]);
      assert.equal(first.code, 0, first.stderr);
      const saved = join(dir, "Speedrun Friday #41.mp4");
      const expected = "mock file Speedrun Friday #41.mp4\n";
      assert.deepEqual(JSON.parse(first.stdout), {
        id: READY_FILE,
        path: saved,
        bytes: new TextEncoder().encode(expected).length,
      });
      assert.equal(await Deno.readTextFile(saved), expected);

      // An explicit file that exists: refused before any request.
      await Deno.writeTextFile(saved, "mine");
      mock.control.reset();
      const refused = await run(["storage", "download", READY_FILE, "-o", saved]);
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /already exists \(use --force to overwrite it\)/);
      assert.deepEqual(mock.control.counters().requests, {});
      assert.equal(await Deno.readTextFile(saved), "mine");

      const forced = await run(["storage", "download", READY_FILE, "-o", saved, "--force"]);
      assert.equal(forced.code, 0, forced.stderr);
      assert.equal(forced.stdout, "", "human mode: the report goes to stderr");
      assert.match(forced.stderr, /saved .*Speedrun Friday #41\.mp4 \(34 B\)/);
      assert.equal(await Deno.readTextFile(saved), expected);

      // The one-time link fails: nothing is left, no temporary file either.
      await Deno.remove(saved);
      mock.control.failNext("GET /__files/*", { status: 500 });
      const failed = await run(["storage", "download", READY_FILE, "-o", dir]);
      assert.equal(failed.code, 1);
      assert.match(failed.stderr, /^error: .*500/);
      assert.deepEqual(await listDir(dir), []);

      // A file that is not ready cannot be downloaded (409 from the API).
      const notReady = await run(["storage", "download", PROCESSING_FILE, "-o", dir]);
      assert.equal(notReady.code, 1);
      assert.match(notReady.stderr, /StorageFileNotReady/);
      assert.deepEqual(await listDir(dir), []);
    });
  });
});

Deno.test("e2e: clip projects (cursor pages), project, create and download", async () => {
  await withE2e(async ({ mock, json, table, run }) => {
    const raw = (await call(mock, "/v2/user/clips/projects?limit=100")).json.projects;
    assert.equal(raw.length, 7);
    const [all, firstPage, rows, project, clipRows] = await Promise.all([
      json(["clip", "projects", "--limit", "3", "--all"]),
      run(["clip", "projects", "--limit", "3"]),
      table(["clip", "projects"]),
      json(["clip", "project", raw[0].projectId]),
      table(["clip", "project", raw[0].projectId]),
    ]);
    assert.deepEqual(all, raw);
    assert.equal(firstPage.code, 0);
    assert.equal(firstPage.stdout.split("\n").length, 1 + 3 + 1, "header, 3 rows, final newline");
    assert.equal(firstPage.stderr, "more projects: use --all for every page\n");
    assert.deepEqual(rows[0], ["ID", "TITLE", "SOURCE", "CLIPS", "GENERATING", "CREATED"]);
    assert.deepEqual(
      rowsOf(rows).map((r) => r.ID),
      raw.map((p: { projectId: string }) => p.projectId),
    );
    assert.deepEqual(
      project,
      (await call(mock, `/v2/user/clips/projects/${raw[0].projectId}`)).json,
    );
    // Unknown clip fields survive.
    assert.equal(typeof project.clips[0].thumbnailUrl, "string");
    assert.deepEqual(clipRows[0], ["ID", "NAME", "SCORE", "FROM", "TO", "CREATED"]);
    assert.deepEqual(rowsOf(clipRows).map((r) => [r.ID, r.NAME, r.SCORE]), [
      [project.clips[0].clipId, "Highlight 1 🔥", "0.95"],
    ]);

    const [created, again, missing] = await Promise.all([
      json(["clip", "create", "--file", PROCESSING_FILE, "--title", "New clips"]),
      run(["clip", "create", "--file", READY_FILE, "--title", "Again"]),
      run(["clip", "project", "00000000-0000-4000-8000-000000000000"]),
    ]);
    assert.equal(created.alreadyProcessed, false);
    assert.equal(created.videoStorageFileId, PROCESSING_FILE);
    assert.equal(typeof created.projectId, "string");
    assert.equal(again.code, 0, "409 ClipsInputAlreadyProcessed is harmless");
    assert.match(again.stderr, /already clipped/);
    assert.equal(missing.code, 4);
    assert.equal(
      missing.stderr,
      "error: clip project 00000000-0000-4000-8000-000000000000 not found\n",
    );
    const after = await json(["clip", "projects", "--all"]);
    assert.ok(after.some((p: { projectId: string }) => p.projectId === created.projectId));

    await withTempDir(async (dir) => {
      const clipId = project.clips[0].clipId;
      const saved = await json(["clip", "download", clipId, "-o", dir]);
      assert.equal(saved.clipId, clipId);
      assert.equal(await Deno.readTextFile(saved.path), "mock clip Highlight 1 🔥\n");
      assert.deepEqual(await listDir(dir), [`clip-${clipId}.mp4`]);
    });
  });
});

Deno.test("e2e: event recordings, recordings download and chat download", async () => {
  await withE2e(async ({ mock, json, table, run }) => {
    const [recordings, rows] = await Promise.all([
      json(["event", "recordings", latestFinished]),
      table(["event", "recordings", latestFinished]),
    ]);
    assert.deepEqual(
      recordings,
      (await call(mock, `/v2/user/events/${latestFinished}/recordings`)).json,
    );
    assert.deepEqual(rows[0], ["KIND", "FILE NAME", "EXPIRES"]);
    const files = [
      ...recordings.primaryVideos,
      ...recordings.secondaryVideos,
      ...recordings.audio,
    ].map((r: { fileName: string }) => r.fileName);
    assert.deepEqual(rowsOf(rows).map((r) => [r.KIND, r["FILE NAME"]]), [
      ["primary", files[0]],
      ["secondary", files[1]],
      ["audio", files[2]],
    ]);

    await withTempDir(async (dir) => {
      const [recording, chat] = await Promise.all([
        json(["event", "recordings", "download", latestFinished, files[2], "-o", dir]),
        json(["event", "chat", "download", latestFinished, "-o", dir]),
      ]);
      assert.deepEqual(recording, {
        id: latestFinished,
        fileName: files[2],
        path: join(dir, files[2]),
        bytes: new TextEncoder().encode(`mock recording ${files[2]}\n`).length,
      });
      assert.equal(await Deno.readTextFile(recording.path), `mock recording ${files[2]}\n`);
      assert.equal(chat.path, join(dir, `chat-${latestFinished}.csv`));
      const csv = (await Deno.readTextFile(chat.path)).split("\n");
      assert.equal(csv[0], "timestamp,platform,channel,author,text");
      assert.equal(csv.length, 1 + 30 + 1, "header, 30 messages, final newline");

      // The name exists: refused before the one-time link is asked for.
      mock.control.reset();
      const refused = await run([
        "event",
        "recordings",
        "download",
        latestFinished,
        files[2],
        "-o",
        dir,
      ]);
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /already exists \(use --force to overwrite it\)/);
      assert.deepEqual(mock.control.counters().requests, {});

      const missing = await run([
        "event",
        "recordings",
        "download",
        latestFinished,
        "nope.mp4",
        "-o",
        dir,
      ]);
      assert.equal(missing.code, 4);
      assert.equal(
        missing.stderr,
        `error: recording nope.mp4 of event ${latestFinished} not found; it has ${
          files.join(", ")
        }\n`,
      );
      assert.deepEqual(await listDir(dir), [`chat-${latestFinished}.csv`, files[2]].sort());
    });
  });
});

Deno.test("e2e: README's recordings download example is true as written", async () => {
  const readme = await Deno.readTextFile(new URL("../../README.md", import.meta.url));
  const example = /^\$ (restream event recordings download \S+ \S+)\n(saved .+)$/m.exec(readme);
  assert.ok(example, "README shows a recordings download");
  const args = example[1].split(" ").slice(1);
  await withE2e(async ({ env }) => {
    await withTempDir(async (dir) => {
      const result = await runProcess(args, { env: env(), cwd: dir });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stderr, `${example[2]}\n`);
      assert.deepEqual(await listDir(dir), [args.at(-1)]);

      // The same recording to a pipe: its bytes on stdout, no file, nothing else said.
      await Deno.remove(join(dir, args.at(-1)!));
      const piped = await runProcess([...args, "-o", "-"], { env: env(), cwd: dir });
      assert.equal(piped.code, 0, piped.stderr);
      assert.equal(piped.stdout, `mock recording ${args.at(-1)}\n`);
      assert.equal(piped.stderr, "");
      assert.deepEqual(await listDir(dir), []);
    });
  });
});
