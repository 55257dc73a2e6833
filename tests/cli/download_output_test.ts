/**
 * Where downloads go (issue 14): the target is checked before the one-time link is asked
 * for; `-o dir/` creates the directory; `-o -` writes the bytes to stdout when it is not a
 * terminal; the progress bar names the file.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { runCapture } from "../support/cli.ts";
import { FakeFetch } from "../support/fake_fetch.ts";
import { listDir, withTempDir } from "../support/temp_dir.ts";

const ENV = { RESTREAM_TOKEN: "tok" };
const FILE = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
const EVENT = "61c2559a-2acf-4420-ac01-78786d06da5c";

/** A storage file whose title names the download, its link, and its bytes. */
function storageFake(): FakeFetch {
  return new FakeFetch()
    .on("GET", `/v2/user/storage/files/${FILE}`, {
      body: { id: FILE, title: "Speedrun Friday #41", status: "Ready" },
    })
    .on("POST", `/v2/user/storage/files/${FILE}/download-url`, {
      body: { downloadUrl: "https://cdn.example/u/1/f.mp4?sig=1" },
    })
    .on("GET", "/u/1/f.mp4", {
      body: "VIDEO-BYTES",
      headers: { "content-type": "video/mp4", "content-length": "11" },
    }, { query: { sig: "1" } });
}

Deno.test("-o in a directory that does not exist: exit 2 before the link is asked for, every download", async () => {
  await withTempDir(async (dir) => {
    const target = join(dir, "missing", "x.mp4");
    const commands = [
      ["storage", "download", FILE],
      ["clip", "download", "c-9"],
      ["event", "chat", "download", EVENT],
      ["event", "recordings", "download", EVENT, "main.mp4"],
    ];
    for (const argv of commands) {
      const fake = new FakeFetch();
      const result = await runCapture([...argv, "-o", target], { fetch: fake.fetch, env: ENV });
      assert.equal(result.code, 2, argv.join(" "));
      assert.equal(
        result.stderr.split("\n")[0],
        `error: cannot write ${target}: directory ${join(dir, "missing")} does not exist ` +
          `(create it, or give -o ${join(dir, "missing")}/ to have it created)`,
      );
      assert.equal(fake.requests.length, 0, `${argv.join(" ")}: nothing sent`);
    }
    assert.deepEqual(await listDir(dir), [], "nothing created");
  });
});

Deno.test("-o dir/ creates the missing directories and saves under the default name", async () => {
  await withTempDir(async (dir) => {
    const fake = new FakeFetch()
      .on("POST", `/v2/user/events/${EVENT}/recordings/download-url`, {
        body: { downloadUrl: "https://cdn.example/r/x?sig=1" },
      })
      .on("GET", "/r/x", { body: "REC" }, { query: { sig: "1" } });
    const target = `${join(dir, "a", "b")}/`;
    const result = await runCapture(
      ["event", "recordings", "download", EVENT, "main.mp4", "-o", target],
      { fetch: fake.fetch, env: ENV },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.equal(await Deno.readTextFile(join(dir, "a", "b", "main.mp4")), "REC");

    // A file where the directory should be: refused, nothing sent.
    await Deno.writeTextFile(join(dir, "plain"), "");
    const none = new FakeFetch();
    const clash = await runCapture(
      ["event", "recordings", "download", EVENT, "main.mp4", "-o", `${join(dir, "plain")}/`],
      { fetch: none.fetch, env: ENV },
    );
    assert.equal(clash.code, 2);
    assert.match(clash.stderr, /plain\/ is not a directory/);
    assert.equal(none.requests.length, 0);
  });
});

Deno.test("-o - writes the bytes to stdout when piped, saves nothing, says nothing", async () => {
  await withTempDir(async (dir) => {
    const fake = new FakeFetch()
      .on("POST", `/v2/user/events/${EVENT}/recordings/download-url`, {
        body: { downloadUrl: "https://cdn.example/r/x?sig=1" },
      })
      .on("GET", "/r/x", { body: "REC-BYTES" }, { query: { sig: "1" } });
    const cwd = Deno.cwd();
    Deno.chdir(dir);
    try {
      const result = await runCapture(
        ["event", "recordings", "download", EVENT, "main.mp4", "-o", "-"],
        { fetch: fake.fetch, env: ENV },
      );
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, "REC-BYTES");
      assert.equal(result.stderr, "");
    } finally {
      Deno.chdir(cwd);
    }
    assert.deepEqual(await listDir(dir), [], "no file named '-' or anything else");
  });
});

Deno.test("-o - on a terminal, or with --json: usage error, nothing sent", async () => {
  const cases: Array<[string[], number | undefined, string]> = [
    [[], 80, "error: refusing to write a download to a terminal; pipe it or use -o FILE"],
    [["--json"], undefined, "-o - writes the file to stdout, where --json would print its report"],
  ];
  for (const [extra, terminal, message] of cases) {
    const fake = new FakeFetch();
    const result = await runCapture(["storage", "download", FILE, "-o", "-", ...extra], {
      fetch: fake.fetch,
      env: ENV,
      terminal,
    });
    assert.equal(result.code, 2);
    assert.ok(result.stderr.includes(message), result.stderr);
    assert.equal(result.stdout, "");
    assert.equal(fake.requests.length, 0);
  }
});

Deno.test("the progress bar names the file (not the id) on a terminal", async () => {
  await withTempDir(async (dir) => {
    const result = await runCapture(["storage", "download", FILE, "-o", dir], {
      fetch: storageFake().fetch,
      env: ENV,
      terminal: 100,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /\rSpeedrun Friday #41\.mp4 \[#+\] 100% {2}11 B \/ 11 B/);
    assert.ok(!result.stderr.includes(`\r${FILE}`), "the id is not the label");
    assert.deepEqual(await listDir(dir), ["Speedrun Friday #41.mp4"]);
  });
});
