/**
 * Start-up benchmark (SPEC.md, "Start-up"): medians of interleaved runs of `--help`,
 * `version`, `platforms --json` and `channel list --json` (both against a local server),
 * twice: as users run the CLI (the bundle JSR publishes, built fresh by scripts/bundle.ts and
 * run the way an installed `restream` runs it: no project config, lazy dynamic imports), where
 * the targets apply; and from this checkout's cli.ts (`deno run cli.ts`), for comparison. Next
 * to them, the true floors started the same way in the same run:
 *
 * - a bare hello-world, `deno run -A --no-config hello.ts` (outside the project's config:
 *   what the cheapest Deno program costs a user), for `--help` and `version`;
 * - bench/floor.ts (fetch the same local URL, valibot-parse it, print it), for the two
 *   commands that talk to the API.
 *
 * Run with `deno task bench`; `BENCH_RUNS` sets the runs per command (default 21),
 * `BENCH_CLI` another checkout's cli.ts to measure in the checkout rows (e.g. an older one, for
 * before/after figures).
 * Every process gets the same small, clean environment (no `NO_COLOR`, a fresh config
 * directory), so a developer's shell settings do not change what is measured.
 *
 * @module
 */

import { bundle } from "../scripts/bundle.ts";

const RUNS = Number(Deno.env.get("BENCH_RUNS") ?? 21);
const root = new URL("..", import.meta.url).pathname;
const cli = Deno.env.get("BENCH_CLI") ?? `${root}cli.ts`;
const floor = `${root}bench/floor.ts`;
const hello = await Deno.makeTempFile({ suffix: ".ts" });
await Deno.writeTextFile(hello, 'console.log("hello");\n');
const configDir = await Deno.makeTempDir();
const bundleDir = await Deno.makeTempDir();
const installed = await bundle(root, bundleDir);

const BODIES: Record<string, unknown> = {
  "/v2/platform/all": [{ id: 1, name: "Twitch", url: "https://twitch.tv" }],
  "/v2/user/channel/all": [{ id: 7, streamingPlatformId: 1, displayName: "Main", enabled: true }],
};
const server = Deno.serve(
  { hostname: "127.0.0.1", port: 0, onListen: () => {} },
  (request) => {
    const body = BODIES[new URL(request.url).pathname];
    return body === undefined ? new Response("not found", { status: 404 }) : Response.json(body);
  },
);
const api = `http://127.0.0.1:${server.addr.port}`;

/** What Deno itself needs (its cache), plus the CLI's settings. */
function environment(): Record<string, string> {
  const env: Record<string, string> = {
    RESTREAM_API_URL: api,
    RESTREAM_CONFIG_DIR: configDir,
    RESTREAM_TOKEN: "bench-token",
  };
  for (const name of ["HOME", "PATH", "DENO_DIR", "XDG_CACHE_HOME"]) {
    const value = Deno.env.get(name);
    if (value !== undefined) env[name] = value;
  }
  return env;
}
const env = environment();

/**
 * The `deno run` flags of the bundle as an installed `restream` runs it: no project's
 * deno.json (the install line's shim brings its own, empty one), lazy dynamic imports on.
 */
const INSTALLED = ["--no-config", "--unstable-lazy-dynamic-imports"];

/**
 * One process run, in ms: a checkout's cli.ts in its own directory, so its deno.json applies;
 * the bundle in its directory, with no config.
 */
async function time(args: readonly string[]): Promise<number> {
  const started = performance.now();
  const script = args.find((arg) => !arg.startsWith("-"))!;
  const { code } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", ...args],
    env,
    clearEnv: true,
    cwd: script === cli || script === installed
      ? script.slice(0, script.lastIndexOf("/") + 1)
      : root,
    stdout: "null",
    stderr: "null",
  }).output();
  if (code !== 0) throw new Error(`${args.join(" ")} exited ${code}`);
  return performance.now() - started;
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

interface Case {
  name: string;
  args: readonly string[];
  /** The case it is measured against, and the target ratio (none: shown for comparison). */
  against?: { name: string; target?: number };
}

const BARE = "bare hello (--no-config)";
const FLOOR = "floor (fetch+valibot)";
/** The four commands SPEC.md sets targets for, each against its floor. */
const COMMANDS: ReadonlyArray<{ args: readonly string[]; against: Required<Case>["against"] }> = [
  { args: ["--help"], against: { name: BARE, target: 1.6 } },
  { args: ["version"], against: { name: BARE, target: 1.6 } },
  { args: ["platforms", "--json"], against: { name: FLOOR, target: 1.3 } },
  { args: ["channel", "list", "--json"], against: { name: FLOOR, target: 1.4 } },
];

const CASES: readonly Case[] = [
  { name: BARE, args: ["--no-config", hello] },
  { name: FLOOR, args: [floor, `${api}/v2/platform/all`] },
  ...COMMANDS.map(({ args, against }) => ({
    name: args.join(" "),
    args: [...INSTALLED, installed, ...args],
    against,
  })),
  // From a checkout: slower (every module is its own file, valibot whole); no target.
  ...COMMANDS.map(({ args, against }) => ({
    name: `checkout: ${args.join(" ")}`,
    args: [cli, ...args],
    against: { name: against.name },
  })),
];

try {
  // Round-robin, so the floors and every command see the same machine load; the first
  // round only warms the caches.
  const times = new Map<string, number[]>(CASES.map(({ name }) => [name, []]));
  for (let round = 0; round <= RUNS; round++) {
    for (const { name, args } of CASES) {
      const ms = await time(args);
      if (round > 0) times.get(name)!.push(ms);
    }
  }
  const medians = new Map([...times].map(([name, list]) => [name, median(list)]));
  console.log(`median of ${RUNS} interleaved runs each: the bundle (${installed}), ${cli}`);
  let missed = 0;
  for (const { name, against } of CASES) {
    const ms = medians.get(name)!;
    let note = "floor";
    if (against) {
      const ratio = ms / medians.get(against.name)!;
      note = `${ratio.toFixed(2)}× ${against.name}`;
      if (against.target !== undefined) {
        const ok = ratio <= against.target;
        if (!ok) missed++;
        note += ` (target ≤ ${against.target}×) ${ok ? "ok" : "MISSED"}`;
      }
    }
    console.log(`${name.padEnd(30)} ${ms.toFixed(1).padStart(7)} ms  ${note}`);
  }
  if (missed > 0) console.log(`${missed} target(s) missed`);
} finally {
  await server.shutdown();
  await Deno.remove(hello);
  await Deno.remove(configDir, { recursive: true });
  await Deno.remove(bundleDir, { recursive: true });
}
