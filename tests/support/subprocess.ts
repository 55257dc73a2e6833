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

/**
 * Runs `restream <args>` with exactly the given environment (plus PATH/HOME-free defaults),
 * so the developer's real config and tokens are never touched.
 */
export async function runProcess(
  args: string[],
  options: { env?: Record<string, string>; stdin?: string; permissions?: string[] } = {},
): Promise<ProcessResult> {
  const command = new Deno.Command(Deno.execPath(), {
    args: ["run", ...(options.permissions ?? ["-A"]), "--quiet", CLI, ...args],
    env: { NO_COLOR: "1", ...options.env },
    clearEnv: true,
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
