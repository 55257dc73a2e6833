/**
 * `version`: the CLI, Deno, V8, TypeScript and OS versions, for bug reports.
 *
 * @module
 */

import { VERSION } from "../version.ts";
import type { CliContext } from "./context.ts";

/** Versions reported by `version --json`. */
export interface VersionInfo {
  /** This CLI. */
  version: string;
  /** The Deno runtime. */
  deno: string;
  /** V8. */
  v8: string;
  /** TypeScript. */
  typescript: string;
  /** Operating system. */
  os: string;
  /** CPU architecture. */
  arch: string;
  /** Kernel or OS release, when readable. */
  osRelease: string | null;
}

/** Collects the versions of everything the CLI runs on. */
function versionInfo(): VersionInfo {
  let osRelease: string | null = null;
  try {
    osRelease = Deno.osRelease();
  } catch {
    // --allow-sys=osRelease not granted: report it as unknown rather than fail.
  }
  return {
    version: VERSION,
    deno: Deno.version.deno,
    v8: Deno.version.v8,
    typescript: Deno.version.typescript,
    os: Deno.build.os,
    arch: Deno.build.arch,
    osRelease,
  };
}

/** `version`. */
export function showVersion(ctx: CliContext): void {
  const info = versionInfo();
  ctx.output.printObject(info, () => [
    ["restream.io", info.version],
    ["Deno", info.deno],
    ["V8", info.v8],
    ["TypeScript", info.typescript],
    ["OS", `${info.os} ${info.arch}${info.osRelease ? ` (${info.osRelease})` : ""}`],
  ]);
}
