/**
 * Runs the real CLI as a subprocess (`deno run -A cli.ts …`), the end-to-end layer.
 */

const CLI = new URL("../../cli.ts", import.meta.url).pathname;

/** What the process printed and returned. */
export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of {@link runProcess} and {@link spawnProcess}. */
export interface ProcessOptions {
  /** The whole environment (plus `NO_COLOR=1`): nothing of the real one leaks in. */
  env?: Record<string, string>;
  /** Text fed to stdin; stdin is closed (null) without it. */
  stdin?: string;
  /** Deno permission flags; `-A` by default. */
  permissions?: string[];
}

function command(args: string[], options: ProcessOptions): Deno.Command {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", ...(options.permissions ?? ["-A"]), "--quiet", CLI, ...args],
    env: { NO_COLOR: "1", ...options.env },
    clearEnv: true,
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  });
}

/**
 * Starts `restream <args>` with stdout and stderr piped, for tests that read the output as
 * it comes (or stop reading early). The caller must consume or cancel both streams.
 */
export async function spawnProcess(
  args: string[],
  options: ProcessOptions = {},
): Promise<Deno.ChildProcess> {
  const child = command(args, options).spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  return child;
}

/**
 * Runs `restream <args>` with exactly the given environment (plus PATH/HOME-free defaults),
 * so the developer's real config and tokens are never touched.
 */
export async function runProcess(
  args: string[],
  options: ProcessOptions = {},
): Promise<ProcessResult> {
  const child = await spawnProcess(args, options);
  const { code, stdout, stderr } = await child.output();
  const decoder = new TextDecoder();
  return { code, stdout: decoder.decode(stdout), stderr: decoder.decode(stderr) };
}
