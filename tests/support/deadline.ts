/**
 * Deadlines for waits in tests: a wait that never ends fails the test with a message that says
 * what was awaited, instead of hanging the suite.
 */

// Captured at load, so a deadline still works while a test has faked the timers.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

/** How long an e2e step may take on a loaded 2-core machine before it counts as hung. */
export const STEP_TIMEOUT_MS = 30_000;

/**
 * Resolves or rejects like `promise`, or rejects with "`what` did not happen within `ms` ms"
 * when it has not settled by then. The timer is cleared either way.
 */
export async function deadline<T>(
  promise: Promise<T>,
  what: string,
  ms: number = STEP_TIMEOUT_MS,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = realSetTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    realClearTimeout(timer);
  }
}

/**
 * Resolves once `check` holds, polling every 20 ms; rejects with "`what` did not happen
 * within `ms` ms" when it still does not hold by then.
 */
export async function waitUntil(
  what: string,
  check: () => boolean | Promise<boolean>,
  ms: number = 10_000,
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((resolve) => realSetTimeout(resolve, 20));
  }
}

/** A promise with its resolve function outside: a test awaits it, a hook resolves it. */
export function signal<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => resolve = r);
  return { promise, resolve };
}

/**
 * `new Deno.Command(program, options).output()` with a deadline: a process still running
 * after `ms` is killed and the test fails naming it (with its stderr), instead of hanging.
 * Output is piped and stdin null unless `options` says otherwise.
 */
export function outputWithin(
  program: string | URL,
  options: Deno.CommandOptions = {},
  ms: number = 120_000,
): Promise<Deno.CommandOutput> {
  const child = new Deno.Command(program, {
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    ...options,
  }).spawn();
  const piped = options.stderr === "piped" || options.stderr === undefined;
  return childOutput(child, [String(program), ...(options.args ?? [])].join(" "), ms, piped);
}

/**
 * `child.output()` with a deadline: a child still running after `ms` is killed and the test
 * fails naming `what` (with its stderr when piped).
 */
export async function childOutput(
  child: Deno.ChildProcess,
  what: string,
  ms: number = 120_000,
  stderrPiped = true,
): Promise<Deno.CommandOutput> {
  const output = child.output();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = realSetTimeout(() => resolve("late"), ms);
  });
  const first = await Promise.race([output, late]).finally(() => realClearTimeout(timer));
  if (first !== "late") return first;
  try {
    child.kill("SIGKILL");
  } catch {
    // It ended just now.
  }
  const killed = await output;
  const stderr = stderrPiped ? new TextDecoder().decode(killed.stderr) : "";
  throw new Error(
    `${what} still ran after ${ms} ms` + (stderr ? `; stderr:\n${stderr}` : ""),
  );
}
