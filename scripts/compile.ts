/**
 * `deno task compile [--target T | --all] [--config-dir DIR]`: builds single-file `restream`
 * binaries with `deno compile`, with the CLI's narrow permissions baked in (scripts/permissions.ts).
 *
 * - no `--target`: this machine, to `dist/restream` (`restream.exe` on Windows);
 * - `--target T`: one of {@link TARGETS}, to `dist/T/restream[.exe]`; `--all`: every target.
 *
 * A binary is usually run on other machines, so by default it may read and write files
 * anywhere (the config directory differs per user and OS); `--config-dir DIR` narrows that
 * to `.` and DIR for a binary you build for yourself. `deno compile` downloads the Deno
 * runtime of each target the first time, so it needs access to dl.deno.land.
 *
 * @module
 */

import { permissionFlags } from "./permissions.ts";

/** The targets `deno compile` supports, and the OS of each (for the browser opener). */
export const TARGETS: Readonly<Record<string, string>> = {
  "x86_64-unknown-linux-gnu": "linux",
  "aarch64-unknown-linux-gnu": "linux",
  "x86_64-apple-darwin": "darwin",
  "aarch64-apple-darwin": "darwin",
  "x86_64-pc-windows-msvc": "windows",
};

/** One `deno compile` invocation. */
export interface CompileJob {
  /** The target, or undefined for this machine. */
  target?: string;
  /** The arguments after `deno`. */
  args: string[];
}

/** Options of {@link compileJobs}, as parsed from the command line. */
export interface CompileOptions {
  /** One target; absent: this machine. */
  target?: string;
  /** Every target. */
  all?: boolean;
  /** Narrow read/write to `.` and this directory. */
  configDir?: string;
  /** The OS of this machine. */
  hostOs?: string;
}

/** The `deno compile` invocations for the options. */
export function compileJobs(options: CompileOptions): CompileJob[] {
  const targets: Array<string | undefined> = options.all ? Object.keys(TARGETS) : [options.target];
  return targets.map((target) => {
    if (target !== undefined && !(target in TARGETS)) {
      throw new Error(`unknown target '${target}'; one of: ${Object.keys(TARGETS).join(", ")}`);
    }
    const os = target === undefined ? options.hostOs ?? Deno.build.os : TARGETS[target];
    const name = os === "windows" ? "restream.exe" : "restream";
    const output = target === undefined ? `dist/${name}` : `dist/${target}/${name}`;
    return {
      target,
      args: [
        "compile",
        ...permissionFlags({ configDir: options.configDir, os, sourceDir: null }),
        ...(target === undefined ? [] : ["--target", target]),
        "--output",
        output,
        "cli.ts",
      ],
    };
  });
}

/** Reads `--target T`, `--target=T`, `--all` and `--config-dir DIR`. */
export function parseCompileArgs(args: readonly string[]): CompileOptions {
  const options: CompileOptions = {};
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    const value = (): string => {
      const next = inline ?? args[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === "--target") options.target = value();
    else if (flag === "--config-dir") options.configDir = value();
    else if (flag === "--all" && inline === undefined) options.all = true;
    else throw new Error(`unknown argument '${args[i]}'`);
  }
  if (options.all && options.target !== undefined) {
    throw new Error("--all and --target exclude each other");
  }
  return options;
}

if (import.meta.main) {
  try {
    for (const job of compileJobs(parseCompileArgs(Deno.args))) {
      console.error(`deno ${job.args.join(" ")}`);
      const { success } = await new Deno.Command("deno", { args: job.args }).spawn().status;
      if (!success) Deno.exit(1);
    }
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : error}`);
    Deno.exit(2);
  }
}
