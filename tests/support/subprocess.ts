/**
 * Runs the real CLI as a subprocess (`deno run -A cli.ts …`), the end-to-end layer; and any
 * other program (an installed `restream`, a bundle) with a clean environment.
 */

const CLI = new URL("../../cli.ts", import.meta.url).pathname;

/** What the process printed and returned. */
export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of {@link runProcess}. */
export interface ProcessOptions {
  /** The whole environment of the process (plus `NO_COLOR=1`). */
  env?: Record<string, string>;
  /** Written to stdin, then closed; without it stdin is null. */
  stdin?: string;
  /** Permission flags instead of `-A`. */
  permissions?: string[];
  /** Working directory. */
  cwd?: string;
  /** The script to run instead of cli.ts (a bundle, mod.ts). */
  script?: string;
}

/**
 * Runs `restream <args>` with exactly the given environment (plus PATH/HOME-free defaults),
 * so the developer's real config and tokens are never touched.
 */
export function runProcess(args: string[], options: ProcessOptions = {}): Promise<ProcessResult> {
  const deno = ["run", ...(options.permissions ?? ["-A"]), "--quiet", options.script ?? CLI];
  return runProgram(Deno.execPath(), [...deno, ...args], options);
}

/** Runs any program with exactly the given environment (plus `NO_COLOR=1`). */
export async function runProgram(
  program: string,
  args: string[],
  options: Omit<ProcessOptions, "permissions" | "script"> = {},
): Promise<ProcessResult> {
  const command = new Deno.Command(program, {
    args,
    env: { NO_COLOR: "1", ...options.env },
    clearEnv: true,
    cwd: options.cwd,
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  });
  const child = command.spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  const { code, stdout, stderr } = await child.output();
  const decoder = new TextDecoder();
  return { code, stdout: decoder.decode(stdout), stderr: decoder.decode(stderr) };
}
