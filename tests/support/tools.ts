/**
 * Tests that need a tool of the machine (zsh, fish, Chromium). Outside CI, a missing tool
 * skips the test and says why on stderr. Under CI (`CI=true`, as `.ci/run` sets) a missing
 * tool is a failure: the test runs and fails naming the tool, so coverage is never lost to a
 * silent skip.
 */

/** True when running under CI (`CI` set to anything but empty, 0 or false). */
export function underCi(): boolean {
  const value = Deno.env.get("CI")?.trim().toLowerCase() ?? "";
  return value !== "" && value !== "0" && value !== "false";
}

/** What a test needs to know about a tool it depends on. */
export interface Tool {
  /** For `Deno.test`'s `ignore`: true only outside CI when the tool is missing. */
  ignore: boolean;
  /** Call first in the test: fails (under CI) when the tool is missing. */
  require(): void;
}

/** Checks for a tool once, at load; `present` says whether it is installed. */
export function tool(name: string, present: boolean, install: string): Tool {
  const ignore = !present && !underCi();
  if (ignore) {
    console.error(`skipping the ${name} tests: ${name} is not installed (${install})`);
  }
  return {
    ignore,
    require() {
      if (!present) {
        throw new Error(
          `${name} is not installed, and under CI (CI=true) that is a failure, not a skip: ` +
            install,
        );
      }
    },
  };
}

/** Whether a command is on PATH. */
export function onPath(name: string): boolean {
  try {
    return new Deno.Command("sh", { args: ["-c", `command -v ${name}`], stdout: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}

/** Whether a file exists. */
export function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}
