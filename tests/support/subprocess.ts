/**
 * Runs the real CLI as a subprocess (`deno run -A cli.ts …`), the end-to-end layer:
 * {@link runProcess} for a command that runs to its end, {@link spawnCli} for one the test
 * talks to while it runs (reading stderr as it comes, writing stdin).
 */

const CLI = new URL("../../cli.ts", import.meta.url).pathname;

/** What the process printed and returned. */
export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of {@link runProcess} and {@link spawnCli}. */
export interface ProcessOptions {
  /** The whole environment of the child (NO_COLOR=1 is added). */
  env?: Record<string, string>;
  /** Text written to stdin, which is then closed; without it stdin is /dev/null. */
  stdin?: string;
  /** Deno permission flags; default `-A`. */
  permissions?: string[];
}

function command(args: string[], options: ProcessOptions, stdin: "null" | "piped"): Deno.Command {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", ...(options.permissions ?? ["-A"]), "--quiet", CLI, ...args],
    env: { NO_COLOR: "1", ...options.env },
    clearEnv: true,
    stdin,
    stdout: "piped",
    stderr: "piped",
  });
}

/**
 * Runs `restream <args>` with exactly the given environment (plus PATH/HOME-free defaults),
 * so the developer's real config and tokens are never touched.
 */
export async function runProcess(
  args: string[],
  options: ProcessOptions = {},
): Promise<ProcessResult> {
  const child = command(args, options, options.stdin === undefined ? "null" : "piped").spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  const { code, stdout, stderr } = await child.output();
  const decoder = new TextDecoder();
  return { code, stdout: decoder.decode(stdout), stderr: decoder.decode(stderr) };
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
  const child = command(args, options, options.stdin ?? "null").spawn();
  const writer = options.stdin === "piped" ? child.stdin.getWriter() : undefined;
  let stderr = "";
  let ended = false;
  const listeners = new Set<() => void>();
  const notify = (): void => listeners.forEach((listener) => listener());

  const readAll = async (
    stream: ReadableStream<Uint8Array>,
    onText: (text: string) => void,
  ): Promise<void> => {
    for await (const text of stream.pipeThrough(new TextDecoderStream())) onText(text);
  };
  let stdout = "";
  const finished: Promise<ProcessResult> = Promise.all([
    readAll(child.stdout, (text) => void (stdout += text)),
    readAll(child.stderr, (text) => {
      stderr += text;
      notify();
    }),
    child.status,
  ]).then(([, , status]) => {
    ended = true;
    notify();
    return { code: status.code, stdout, stderr };
  });

  const closeStdin = async (): Promise<void> => {
    await writer?.close().catch(() => {});
  };

  return {
    child,
    stderr: () => stderr,
    waitForStderr(pattern, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no ${pattern} on stderr within ${timeoutMs} ms:\n${stderr}`));
        }, timeoutMs);
        function check(): void {
          const match = pattern.exec(stderr);
          if (match === null && !ended) return;
          listeners.delete(check);
          clearTimeout(timer);
          if (match) resolve(match);
          else reject(new Error(`the process ended without ${pattern} on stderr:\n${stderr}`));
        }
        listeners.add(check);
        check();
      });
    },
    async write(text) {
      if (writer === undefined) throw new Error("spawned without stdin: 'piped'");
      await writer.write(new TextEncoder().encode(text));
    },
    async done(timeoutMs = 15_000) {
      await closeStdin();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`the process still runs after ${timeoutMs} ms:\n${stderr}`)),
          timeoutMs,
        );
      });
      try {
        return await Promise.race([finished, late]);
      } finally {
        clearTimeout(timer);
      }
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
