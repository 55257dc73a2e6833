import assert from "node:assert/strict";
import { moveUnreleased } from "../scripts/release.ts";
import { outputWithin } from "./support/deadline.ts";

const SCRIPT = new URL("../scripts/release.ts", import.meta.url).pathname;

Deno.test("moveUnreleased puts the entries under the version and leaves Unreleased empty", () => {
  const before =
    "# Changelog\n\n## Unreleased\n\n- Added x.\n\n## 0.1.0 — 2026-01-01\n\n- First.\n";
  assert.equal(
    moveUnreleased(before, "0.2.0", "2026-11-25"),
    "# Changelog\n\n## Unreleased\n\n## 0.2.0 — 2026-11-25\n\n- Added x.\n\n## 0.1.0 — 2026-01-01\n\n- First.\n",
  );
  assert.throws(() => moveUnreleased("# Changelog\n\n## Unreleased\n\n", "1.0.0", "d"), /empty/);
});

async function run(cwd: string, cmd: string, ...args: string[]) {
  const out = await outputWithin(cmd, { args, cwd, stdout: "piped", stderr: "piped" });
  const dec = new TextDecoder();
  return { ok: out.success, text: dec.decode(out.stdout) + dec.decode(out.stderr) };
}

Deno.test("release bumps, commits and tags in a clean repository; refuses a dirty one", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/deno.json`, '{"name":"@x/y","version":"0.1.0"}\n');
    await Deno.writeTextFile(`${dir}/CHANGELOG.md`, "# Changelog\n\n## Unreleased\n\n- New.\n");
    for (
      const args of [["init", "-q"], ["add", "."], [
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@t",
        "commit",
        "-qm",
        "init",
      ]]
    ) {
      assert.ok((await run(dir, "git", ...args)).ok);
    }
    await Deno.writeTextFile(`${dir}/dirty.txt`, "x");
    const dirty = await run(dir, Deno.execPath(), "run", "-A", SCRIPT, "0.2.0");
    assert.equal(dirty.ok, false);
    assert.match(dirty.text, /uncommitted changes/);
    await Deno.remove(`${dir}/dirty.txt`);

    const env = {
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@t",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@t",
    };
    const out = await outputWithin(Deno.execPath(), {
      args: ["run", "-A", SCRIPT, "0.2.0"],
      cwd: dir,
      env,
      stdout: "piped",
      stderr: "piped",
    });
    assert.ok(out.success, new TextDecoder().decode(out.stderr));
    assert.equal(JSON.parse(await Deno.readTextFile(`${dir}/deno.json`)).version, "0.2.0");
    assert.match(
      await Deno.readTextFile(`${dir}/CHANGELOG.md`),
      /## 0\.2\.0 — \d{4}-\d\d-\d\d\n\n- New\./,
    );
    assert.equal((await run(dir, "git", "tag", "--list")).text.trim(), "v0.2.0");
    assert.equal((await run(dir, "git", "status", "--porcelain")).text, "");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
