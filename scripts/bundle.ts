/**
 * `deno task bundle`: the CLI as users run it. JSR publishes dist/cli/ as
 * `jsr:@restream/cli/cli` (the README's install and run lines) and `deno task bench` measures
 * it: cli.ts bundled by `deno bundle`, minified, with one chunk per part a command loads
 * lazily, so a run reads only what its command needs, and valibot shrinks to the functions
 * the schemas call (README, "Performance").
 *
 * dist/cli/ holds `cli.js` (the entry), its chunks, and `cli.d.ts`, the entry's types for JSR.
 * The directory is emptied first, so no chunk of an older build is left to be published.
 *
 * Usage: `deno task bundle` (dist/cli/), or `deno run -A scripts/bundle.ts <dir>`.
 *
 * @module
 */

/** Where `deno task bundle` writes the bundle, relative to the checkout. */
export const BUNDLE_DIR = "dist/cli";

/** The entry's types: JSR asks a JavaScript entry point for them (`@ts-self-types`). */
const ENTRY_TYPES =
  `/** Runs the \`restream\` CLI with these arguments (the process's by default) and exits. */
export declare function main(args?: readonly string[]): Promise<never>;
`;

/** The `deno` arguments that bundle cli.ts into `outDir`. */
export function bundleArgs(outDir: string): string[] {
  return [
    "bundle",
    "--quiet",
    "--code-splitting",
    "--minify",
    "--platform",
    "deno",
    "--outdir",
    outDir,
    "cli.ts",
  ];
}

/**
 * Removes an earlier bundle so no stale chunk survives; a directory that holds anything else
 * (no `cli.js`: a mistyped argument) is refused rather than deleted.
 */
async function emptyBundleDir(dir: string): Promise<void> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) names.push(entry.name);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw error;
  }
  if (names.length > 0 && !names.includes("cli.js")) {
    throw new Error(`refusing to empty ${dir}: it is not a bundle (no cli.js)`);
  }
  await Deno.remove(dir, { recursive: true });
}

/**
 * Bundles the checkout at `root` into `outDir` (emptied first) with the `deno` program given
 * (this process's by default) and returns the entry's path. Throws with `deno bundle`'s own
 * message when it fails.
 */
export async function bundle(
  root: string,
  outDir: string,
  deno: string = Deno.execPath(),
): Promise<string> {
  await emptyBundleDir(outDir);
  const { success, stderr } = await new Deno.Command(deno, {
    args: bundleArgs(outDir),
    cwd: root,
    stdout: "inherit",
    stderr: "piped",
  }).output();
  if (!success) throw new Error(`deno bundle failed: ${new TextDecoder().decode(stderr)}`);
  const entry = `${outDir}/cli.js`;
  const code = await Deno.readTextFile(entry);
  await Deno.writeTextFile(entry, `/* @ts-self-types="./cli.d.ts" */\n${code}`);
  await Deno.writeTextFile(`${outDir}/cli.d.ts`, ENTRY_TYPES);
  return entry;
}

if (import.meta.main) {
  const root = new URL("..", import.meta.url).pathname;
  const outDir = Deno.args[0] ?? `${root}${BUNDLE_DIR}`;
  try {
    // By name: the task's --allow-run=deno names the program, not the path of this binary.
    await bundle(root, outDir, "deno");
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    Deno.exit(1);
  }
}
