/**
 * End to end against the mock: save a preset, change a channel by hand, `apply --dry-run`
 * shows exactly that change and sends nothing, `apply` restores it, a second `apply` sends
 * no PATCH; a PATCH that fails for one channel; titles; import, export and the presets file.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { SEED_CHANNEL_IDS } from "../../src/mock/seed.ts";
import type { MockServer } from "../../src/mock/types.ts";
import { call } from "../support/mock.ts";
import { parseTable, rowsOf, withE2e } from "../support/e2e.ts";
import { runProcess } from "../support/subprocess.ts";
import { withTempDir } from "../support/temp_dir.ts";

const { twitch, youtube, facebook, customRtmp, kick } = SEED_CHANNEL_IDS;

/** The PATCHes the mock answered since `from` (an index into its request log). */
function patches(mock: MockServer, from: number): string[] {
  return mock.control.requestLog().slice(from).filter((e) => e.method === "PATCH").map((e) =>
    e.path
  );
}

async function enabled(mock: MockServer): Promise<number[]> {
  const channels = (await call(mock, "/v2/user/channel/all")).json as Array<
    { id: number; enabled: boolean }
  >;
  return channels.filter((c) => c.enabled).map((c) => c.id);
}

Deno.test("e2e: preset save, a change by hand, apply --dry-run, apply, apply again", async () => {
  await withE2e(async ({ mock, run }) => {
    const before = await enabled(mock);
    assert.deepEqual(before, [twitch, youtube, customRtmp, kick]);
    const saved = await run(["preset", "save", "show"]);
    assert.equal(saved.code, 0, saved.stderr);
    assert.equal(saved.stdout, "");
    assert.match(saved.stderr, /^saved preset 'show' \(4 channels: GameNight Live, /);

    const byHand = await run(["channel", "set", String(youtube), "--inactive"]);
    assert.equal(byHand.code, 0, byHand.stderr);

    let mark = mock.control.requestLog().length;
    const dry = await run(["preset", "apply", "show", "--dry-run"]);
    assert.equal(dry.code, 0, dry.stderr);
    assert.deepEqual(rowsOf(parseTable(dry.stdout)), [{
      CHANNEL: String(youtube),
      PLATFORM: "YouTube",
      NAME: "Café Lumière 🎬",
      CHANGE: "enable",
      FROM: "off",
      TO: "on",
    }]);
    assert.match(dry.stderr, /dry run: 1 change to 1 channel; nothing was sent/);
    assert.deepEqual(patches(mock, mark), [], "a dry run sends nothing");
    assert.deepEqual(await enabled(mock), [twitch, customRtmp, kick]);

    mark = mock.control.requestLog().length;
    const applied = await run(["preset", "apply", "show"]);
    assert.equal(applied.code, 0, applied.stderr);
    assert.equal(applied.stdout, "", "applying writes nothing on stdout");
    assert.match(applied.stderr, new RegExp(`${youtube}\tYouTube\t.*\tenable\toff\ton\tok`));
    assert.match(applied.stderr, /applied preset 'show': 1 change to 1 channel/);
    assert.deepEqual(patches(mock, mark), [`/v2/user/channel/${youtube}`]);
    assert.deepEqual(await enabled(mock), before);

    mark = mock.control.requestLog().length;
    const again = await run(["preset", "apply", "show"]);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout, "");
    assert.equal(again.stderr, "preset 'show' is already applied: nothing to change\n");
    const json = await run(["preset", "apply", "show", "--json"]);
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), {
      plan: [],
      missing: [],
      results: [],
      dryRun: false,
    });
    assert.deepEqual(patches(mock, mark), [], "an applied preset sends no PATCH");
  });
});

Deno.test("e2e: preset apply with titles: the plan in JSON, titles set, then nothing to do", async () => {
  await withE2e(async ({ mock, run }) => {
    const saved = await run([
      "preset",
      "save",
      "fri",
      "--channels",
      `${twitch},${facebook}`,
      "--title",
      "Friday speedruns",
    ]);
    assert.equal(saved.code, 0, saved.stderr);
    const metaOf = async (id: number) => (await call(mock, `/v2/user/channel-meta/${id}`)).json;
    const twitchMeta = await metaOf(twitch);
    const facebookMeta = await metaOf(facebook);

    const dry = await run(["preset", "apply", "fri", "--dry-run", "--json"]);
    assert.equal(dry.code, 0, dry.stderr);
    const document = JSON.parse(dry.stdout);
    assert.equal(document.dryRun, true);
    assert.deepEqual(document.results, []);
    assert.deepEqual(
      document.plan.map((s: Record<string, unknown>) => [s.channelId, s.active, s.title]),
      [
        [twitch, undefined, { from: twitchMeta.title, to: "Friday speedruns" }],
        [youtube, { from: true, to: false }, undefined],
        [facebook, { from: false, to: true }, { from: facebookMeta.title, to: "Friday speedruns" }],
        [customRtmp, { from: true, to: false }, undefined],
        [kick, { from: true, to: false }, undefined],
      ],
    );
    assert.equal(document.plan[0].platform, 1);

    let mark = mock.control.requestLog().length;
    const applied = await run(["preset", "apply", "fri", "--json"]);
    assert.equal(applied.code, 0, applied.stderr);
    assert.equal(JSON.parse(applied.stdout).results.length, 5);
    assert.equal(patches(mock, mark).length, 6, "two titles and four channel states");
    assert.equal((await metaOf(twitch)).title, "Friday speedruns");
    // The description the channel had is sent back with the new title.
    assert.equal((await metaOf(twitch)).description, twitchMeta.description);
    assert.deepEqual(await enabled(mock), [twitch, facebook]);

    mark = mock.control.requestLog().length;
    const again = await run(["preset", "apply", "fri"]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /already applied/);
    assert.deepEqual(patches(mock, mark), []);

    // --title for this run only: one title PATCH per enabled channel, the preset unchanged.
    mark = mock.control.requestLog().length;
    const retitled = await run(["preset", "apply", "fri", "--title", "Saturday"]);
    assert.equal(retitled.code, 0, retitled.stderr);
    assert.deepEqual(patches(mock, mark), [
      `/v2/user/channel-meta/${twitch}`,
      `/v2/user/channel-meta/${facebook}`,
    ]);
    const bad = await run(["preset", "apply", "fri", "--title", "x".repeat(141)]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /the title is 141 characters long; the limit is 140/);
  });
});

Deno.test("e2e: a PATCH failing for one channel: exit 1, a correct result table, re-run fixes it", async () => {
  await withE2e(async ({ mock, run }) => {
    const saved = await run(["preset", "save", "swap", "--channels", `${twitch},${facebook}`]);
    assert.equal(saved.code, 0, saved.stderr);
    mock.control.failNext(`PATCH /v2/user/channel/${youtube}`, { status: 500 });
    let mark = mock.control.requestLog().length;
    const applied = await run(["preset", "apply", "swap"]);
    assert.equal(applied.code, 1, applied.stderr);
    assert.equal(applied.stdout, "");
    const lines = applied.stderr.trimEnd().split("\n");
    const table = rowsOf(parseTable(`${lines.slice(0, 5).join("\n")}\n`));
    assert.deepEqual(table.map((r) => [r.CHANNEL, r.CHANGE, r.RESULT]), [
      [String(youtube), "disable", "failed"],
      [String(facebook), "enable", "ok"],
      [String(customRtmp), "disable", "ok"],
      [String(kick), "disable", "ok"],
    ]);
    assert.match(
      lines[5],
      /^preset 'swap': 1 of 4 channels failed; to retry them, run again: restream preset apply swap$/,
    );
    assert.match(lines[6], new RegExp(`^error: channel ${youtube}: .*500`));
    assert.equal(lines.length, 7);
    // PATCH is sent once: no retry after a 500.
    assert.equal(patches(mock, mark).filter((p) => p.endsWith(`/${youtube}`)).length, 1);

    mock.control.failNext(`PATCH /v2/user/channel/${youtube}`, { status: 500 });
    await call(mock, `/v2/user/channel/${facebook}`, { method: "PATCH", body: { active: false } });
    const json = await run(["preset", "apply", "swap", "--json"]);
    assert.equal(json.code, 1);
    const document = JSON.parse(json.stdout);
    assert.deepEqual(document.results, [
      {
        channelId: youtube,
        ok: false,
        error: { kind: "server", status: 500, message: document.results[0].error.message },
      },
      { channelId: facebook, ok: true },
    ]);
    const errorLine = JSON.parse(json.stderr.trim());
    assert.equal(errorLine.error.kind, "server");
    assert.match(errorLine.error.message, new RegExp(`^channel ${youtube}: `));

    mark = mock.control.requestLog().length;
    const rerun = await run(["preset", "apply", "swap"]);
    assert.equal(rerun.code, 0, rerun.stderr);
    assert.deepEqual(patches(mock, mark), [`/v2/user/channel/${youtube}`]);
    assert.deepEqual(await enabled(mock), [twitch, facebook]);
  });
});

Deno.test("e2e: preset list, show, rename, delete, export and import", async () => {
  await withE2e(async ({ run, json, configDir }) => {
    assert.equal((await run(["preset", "save", "a", "--channels", String(twitch)])).code, 0);
    const exists = await run(["preset", "save", "a"]);
    assert.equal(exists.code, 2);
    assert.equal(exists.stderr, "error: preset 'a' already exists (use --force to replace it)\n");
    assert.equal((await run(["preset", "save", "a", "--force", "--title", "T"])).code, 0);
    assert.deepEqual(
      (await json(["preset", "show", "a"])).channels,
      [twitch, youtube, customRtmp, kick],
    );

    const exported = await run(["preset", "export", "a"]);
    assert.equal(exported.code, 0, exported.stderr);
    const document = JSON.parse(exported.stdout);
    assert.deepEqual(document, {
      version: 1,
      name: "a",
      channels: [twitch, youtube, customRtmp, kick],
      title: "T",
    });
    const imported = await run(["preset", "import", "-", "--name", "b"], {
      stdin: exported.stdout,
    });
    assert.equal(imported.code, 0, imported.stderr);
    assert.equal(imported.stderr, "imported preset 'b' (4 channels)\n");
    const list = await run(["preset", "list"]);
    assert.deepEqual(rowsOf(parseTable(list.stdout)).map((r) => [r.NAME, r.TITLE]), [
      ["a", "T"],
      ["b", "T"],
    ]);

    const file = join(configDir, "bad.json");
    await Deno.writeTextFile(file, JSON.stringify({ ...document, channels: [1, "2"] }));
    const bad = await run(["preset", "import", file]);
    assert.equal(bad.code, 2);
    assert.match(
      bad.stderr,
      /invalid preset in .*bad\.json: "channels\[1\]": expected a channel id/,
    );

    assert.equal((await run(["preset", "rename", "b", "c"])).code, 0);
    const taken = await run(["preset", "rename", "c", "a"]);
    assert.equal(taken.code, 2);
    assert.equal((await run(["preset", "delete", "c"])).code, 0);
    const gone = await run(["preset", "show", "c"]);
    assert.equal(gone.code, 4);
    assert.match(gone.stderr, /preset 'c' not found/);
    assert.deepEqual((await json(["preset", "list"])).map((p: { name: string }) => p.name), ["a"]);
    const badName = await run(["preset", "show", " padded"]);
    assert.equal(badName.code, 2);
  });
});

Deno.test("e2e: a preset channel that no longer exists is a warning, not a failure", async () => {
  await withE2e(async ({ run }) => {
    const document = JSON.stringify({ version: 1, name: "old", channels: [twitch, 999] });
    assert.equal((await run(["preset", "import", "-"], { stdin: document })).code, 0);
    const dry = await run(["preset", "apply", "old", "--dry-run", "--json"]);
    assert.equal(dry.code, 0, dry.stderr);
    assert.deepEqual(JSON.parse(dry.stdout).missing, [999]);
    assert.match(dry.stderr, /^warning: channel 999 of preset 'old' no longer exists; skipped$/m);
  });
});

Deno.test("e2e: presets are kept per account, in a file that is checked", async () => {
  await withE2e(async ({ mock, run, configDir, env }) => {
    // Logged in (stored tokens with the profile id login records): no profile request.
    const { accessToken } = mock.control.issueTokens({ lifetimeSeconds: 3600 });
    await Deno.writeTextFile(
      join(configDir, "tokens.json"),
      JSON.stringify({
        version: 1,
        tokens: { [mock.apiUrl]: { accessToken, scopes: [], profileId: 777 } },
      }),
      { mode: 0o600 },
    );
    const { RESTREAM_TOKEN: _, ...stored } = env();
    const mark = mock.control.requestLog().length;
    const saved = await runProcess(["preset", "save", "mine", "--channels", String(twitch)], {
      env: stored,
    });
    assert.equal(saved.code, 0, saved.stderr);
    assert.ok(
      !mock.control.requestLog().slice(mark).some((e) => e.path === "/v2/user/profile"),
      "the stored profile id is used",
    );
    const file = JSON.parse(await Deno.readTextFile(join(configDir, "presets.json")));
    assert.deepEqual(Object.keys(file.presets[mock.apiUrl]), ["777"]);
    // RESTREAM_TOKEN's account (the mock's profile) sees none of them.
    assert.deepEqual(JSON.parse((await run(["preset", "list", "--json"])).stdout), []);

    // A token that may not read the profile cannot tell whose presets: exit 3.
    mock.control.failNext("GET /v2/user/profile", { status: 403 });
    const forbidden = await run(["preset", "list"]);
    assert.equal(forbidden.code, 3);
    assert.equal(forbidden.stdout, "");
    assert.match(forbidden.stderr, /profile\.read/);

    // A corrupt file: exit 1, named, kept.
    await Deno.writeTextFile(join(configDir, "presets.json"), "{oops", { mode: 0o600 });
    const corrupt = await run(["preset", "list"]);
    assert.equal(corrupt.code, 1);
    assert.match(corrupt.stderr, /presets\.json is not valid JSON; it was left in place/);
    assert.equal(await Deno.readTextFile(join(configDir, "presets.json")), "{oops");
  });
});

Deno.test("e2e: preset commands without a login exit 3 with nothing on stdout", async () => {
  await withE2e(async ({ configDir }) => {
    const result = await runProcess(["preset", "list"], {
      env: { RESTREAM_CONFIG_DIR: configDir, RESTREAM_API_URL: "http://127.0.0.1:9" },
    });
    assert.equal(result.code, 3);
    assert.equal(result.stdout, "");
    assert.match(result.stderr, /not logged in/);
  });
});

Deno.test("e2e: under --mock presets live in memory for the one process, nothing on disk", async () => {
  await withTempDir(async (home) => {
    const env = { XDG_CONFIG_HOME: join(home, "xdg"), RESTREAM_CONFIG_DIR: join(home, "cfg") };
    const saved = await runProcess(["--mock", "preset", "save", "show", "--json"], { env });
    assert.equal(saved.code, 0, saved.stderr);
    assert.equal(JSON.parse(saved.stdout).name, "show");
    assert.match(saved.stderr, /mock/);
    const listed = await runProcess(["--mock", "preset", "list", "--json"], { env });
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(JSON.parse(listed.stdout), [], "a fresh process has a fresh mock");
    assert.deepEqual([...Deno.readDirSync(home)], [], "nothing was written");
  });
});
