/**
 * `deno task release X.Y.Z`: checks the tree is clean, bumps deno.json's version, moves the
 * CHANGELOG's Unreleased section under the new version, commits and tags `vX.Y.Z`.
 *
 * Runs in the current directory, so tests can point it at a scratch repository.
 */

const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** Moves the Unreleased section's entries under a new heading for the version. */
export function moveUnreleased(changelog: string, version: string, date: string): string {
  const heading = /^## Unreleased[ \t]*$/m;
  const match = heading.exec(changelog);
  if (!match) throw new Error("CHANGELOG.md has no '## Unreleased' section");
  const start = match.index + match[0].length;
  const next = changelog.slice(start).search(/^## /m);
  const end = next === -1 ? changelog.length : start + next;
  const entries = changelog.slice(start, end).trim();
  if (entries === "") throw new Error("the Unreleased section is empty: nothing to release");
  return `${
    changelog.slice(0, match.index)
  }## Unreleased\n\n## ${version} — ${date}\n\n${entries}\n\n${changelog.slice(end)}`.trimEnd() +
    "\n";
}

async function git(...args: string[]): Promise<string> {
  const { success, stdout, stderr } = await new Deno.Command("git", { args }).output();
  const text = new TextDecoder().decode(success ? stdout : stderr).trim();
  if (!success) throw new Error(`git ${args.join(" ")}: ${text}`);
  return text;
}

async function release(version: string): Promise<void> {
  if (!SEMVER.test(version)) throw new Error(`'${version}' is not a version like 1.2.3`);
  if ((await git("status", "--porcelain")) !== "") {
    throw new Error("the working tree has uncommitted changes");
  }
  const tags = await git("tag", "--list", `v${version}`);
  if (tags !== "") throw new Error(`tag v${version} already exists`);

  const config = JSON.parse(await Deno.readTextFile("deno.json"));
  config.version = version;
  await Deno.writeTextFile("deno.json", `${JSON.stringify(config, null, 2)}\n`);
  const today = new Date().toISOString().slice(0, 10);
  const changelog = await Deno.readTextFile("CHANGELOG.md");
  await Deno.writeTextFile("CHANGELOG.md", moveUnreleased(changelog, version, today));

  await git("add", "deno.json", "CHANGELOG.md");
  await git("commit", "-m", `Release ${version}`);
  await git("tag", "-a", `v${version}`, "-m", `restream.io ${version}`);
  console.log(`Released ${version}: committed and tagged v${version}. Push with --follow-tags.`);
}

if (import.meta.main) {
  try {
    if (Deno.args.length !== 1) throw new Error("usage: deno task release X.Y.Z");
    await release(Deno.args[0]);
  } catch (error) {
    console.error(`release: ${error instanceof Error ? error.message : error}`);
    Deno.exit(1);
  }
}
