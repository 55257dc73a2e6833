/**
 * Runs the real CLI as a subprocess (`deno run -A cli.ts …`), the end-to-end layer:
 * {@link runProcess} for a command that runs to its end, {@link spawnCli} for one the test
 * talks to while it runs (reading stderr as it comes, writing stdin); {@link runProgram} for
 * any other program (an installed `restream`) with a clean environment.
 */

import { childOutput, deadline } from "./deadline.ts";

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
  /** Kill the process and fail after this long; 60 s by default. */
  timeoutMs?: number;
}

/** How long a CLI run may take on a loaded machine before it counts as hung. */
const PROCESS_TIMEOUT_MS = 60_000;

/** The `deno run` arguments that start the CLI (or `options.script`). */
function cliArgs(args: string[], options: ProcessOptions): string[] {
  return ["run", ...(options.permissions ?? ["-A"]), "--quiet", options.script ?? CLI, ...args];
}

/** A command with exactly the given environment (plus `NO_COLOR=1`), output piped. */
function command(
  program: string,
  args: string[],
  options: Pick<ProcessOptions, "env" | "cwd">,
  stdin: "null" | "piped",
): Deno.Command {
  return new Deno.Command(program, {
    args,
    env: { NO_COLOR: "1", ...options.env },
    clearEnv: true,
    cwd: options.cwd,
    stdin,
    stdout: "piped",
    stderr: "piped",
  });
}

/**
 * Runs `restream <args>` with exactly the given environment (plus PATH/HOME-free defaults),
 * so the developer's real config and tokens are never touched.
 */
export function runProcess(args: string[], options: ProcessOptions = {}): Promise<ProcessResult> {
  return runProgram(Deno.execPath(), cliArgs(args, options), options);
}

/** Runs any program with exactly the given environment (plus `NO_COLOR=1`). */
export async function runProgram(
  program: string,
  args: string[],
  options: Omit<ProcessOptions, "permissions" | "script"> = {},
): Promise<ProcessResult> {
  const child = await spawnWithInput(program, args, options);
  // A hung process fails the test (with what it said) instead of hanging the suite.
  const { code, stdout, stderr } = await childOutput(
    child,
    [program, ...args].join(" "),
    options.timeoutMs ?? PROCESS_TIMEOUT_MS,
  );
  const decoder = new TextDecoder();
  return { code, stdout: decoder.decode(stdout), stderr: decoder.decode(stderr) };
}

/**
 * Starts `restream <args>` with stdout and stderr piped, for tests that read the output as
 * it comes (or stop reading early). The caller must consume or cancel both streams.
 */
export function spawnProcess(
  args: string[],
  options: ProcessOptions = {},
): Promise<Deno.ChildProcess> {
  return spawnWithInput(Deno.execPath(), cliArgs(args, options), options);
}

/** Spawns a program and writes `options.stdin` (then closes it) when given. */
async function spawnWithInput(
  program: string,
  args: string[],
  options: Omit<ProcessOptions, "permissions" | "script">,
): Promise<Deno.ChildProcess> {
  const child = command(program, args, options, options.stdin === undefined ? "null" : "piped")
    .spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  return child;
}

/** A CLI process that is still running; see {@link spawnCli}. */
export interface RunningCli {
  /** The child process. */
  readonly child: Deno.ChildProcess;
  /** Everything written to stderr so far. */
  stderr(): string;
  /**
   * Resolves with the first match of `pattern` in stderr; rejects when the process ends or
   * `timeoutMs` passes first (the message quotes stderr, to see what it said instead).
   */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Like {@link RunningCli.waitForStderr}, on stdout. */
  waitForStdout(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Writes to stdin (the process must have been spawned with `stdin: "piped"`). */
  write(text: string): Promise<void>;
  /**
   * Resolves when the process ended and its output was read (stdin is closed first); rejects
   * when it still runs after `timeoutMs` (it is left running: {@link RunningCli.close} ends it).
   */
  done(timeoutMs?: number): Promise<ProcessResult>;
  /**
   * Kills the process if it still runs and waits for it: every test calls this in a
   * `finally`, so a failed assertion leaks no process.
   */
  close(): Promise<ProcessResult>;
}

/** Options of {@link spawnCli}. */
export interface SpawnOptions extends Omit<ProcessOptions, "stdin"> {
  /** "piped" to write to stdin with {@link RunningCli.write}; default /dev/null. */
  stdin?: "piped" | "null";
}

/** Starts `restream <args>` and hands back a {@link RunningCli} to talk to it. */
export function spawnCli(args: string[], options: SpawnOptions = {}): RunningCli {
  const child = command(Deno.execPath(), cliArgs(args, options), options, options.stdin ?? "null")
    .spawn();
  const writer = options.stdin === "piped" ? child.stdin.getWriter() : undefined;
  const output = { stdout: "", stderr: "" };
  let ended = false;
  const listeners = new Set<() => void>();
  const notify = (): void => listeners.forEach((listener) => listener());

  const readAll = async (
    stream: ReadableStream<Uint8Array>,
    onText: (text: string) => void,
  ): Promise<void> => {
    for await (const text of stream.pipeThrough(new TextDecoderStream())) onText(text);
  };
  const finished: Promise<ProcessResult> = Promise.all([
    readAll(child.stdout, (text) => {
      output.stdout += text;
      notify();
    }),
    readAll(child.stderr, (text) => {
      output.stderr += text;
      notify();
    }),
    child.status,
  ]).then(([, , status]) => {
    ended = true;
    notify();
    return { code: status.code, ...output };
  });

  /** Resolves with the first match of `pattern` in `stream`, see {@link RunningCli}. */
  const waitFor = (
    stream: "stdout" | "stderr",
    pattern: RegExp,
    timeoutMs: number,
  ): Promise<RegExpExecArray> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`no ${pattern} on ${stream} within ${timeoutMs} ms:\n${output[stream]}`));
      }, timeoutMs);
      function check(): void {
        const match = pattern.exec(output[stream]);
        if (match === null && !ended) return;
        listeners.delete(check);
        clearTimeout(timer);
        if (match) resolve(match);
        else {
          reject(
            new Error(`the process ended without ${pattern} on ${stream}:\n${output[stream]}`),
          );
        }
      }
      listeners.add(check);
      check();
    });

  const closeStdin = async (): Promise<void> => {
    await writer?.close().catch(() => {});
  };

  return {
    child,
    stderr: () => output.stderr,
    waitForStderr: (pattern, timeoutMs = 10_000) => waitFor("stderr", pattern, timeoutMs),
    waitForStdout: (pattern, timeoutMs = 10_000) => waitFor("stdout", pattern, timeoutMs),
    async write(text) {
      if (writer === undefined) throw new Error("spawned without stdin: 'piped'");
      await writer.write(new TextEncoder().encode(text));
    },
    async done(timeoutMs = 15_000) {
      await closeStdin();
      return await deadline(finished, "the process's end", timeoutMs).catch((error) => {
        throw new Error(`${error.message}; stderr:\n${output.stderr}`);
      });
    },
    async close() {
      await closeStdin();
      if (!ended) {
        try {
          child.kill("SIGKILL");
        } catch {
          // It ended between the check and the kill.
        }
      }
      return await finished;
    },
  };
}
