/**
 * Start-up benchmark (SPEC.md, "Start-up"): medians of interleaved runs of `--help`,
 * `version`, `platforms --json` and `channel list --json` (both against a local server),
 * next to the true floors started the same way in the same run:
 *
 * - a bare hello-world, `deno run -A --no-config hello.ts` (outside the project's config:
 *   what the cheapest Deno program costs a user), for `--help` and `version`;
 * - bench/floor.ts (fetch the same local URL, valibot-parse it, print it), for the two
 *   commands that talk to the API.
 *
 * Run with `deno task bench`; `BENCH_RUNS` sets the runs per command (default 21),
 * `BENCH_CLI` another cli.ts to measure (e.g. an older checkout, for before/after figures).
 * Every process gets the same small, clean environment (no `NO_COLOR`, a fresh config
 * directory), so a developer's shell settings do not change what is measured.
 *
 * @module
 */

const RUNS = Number(Deno.env.get("BENCH_RUNS") ?? 21);
const root = new URL("..", import.meta.url).pathname;
const cli = Deno.env.get("BENCH_CLI") ?? `${root}cli.ts`;
const floor = `${root}bench/floor.ts`;
const hello = await Deno.makeTempFile({ suffix: ".ts" });
await Deno.writeTextFile(hello, 'console.log("hello");\n');
const configDir = await Deno.makeTempDir();

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

/** One process run, in ms: in the CLI's own directory, so its deno.json applies. */
async function time(args: readonly string[]): Promise<number> {
  const started = performance.now();
  const { code } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", ...args],
    env,
    clearEnv: true,
    cwd: args[0] === cli ? cli.slice(0, cli.lastIndexOf("/") + 1) : root,
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
  /** The case it is measured against, and the target ratio. */
  against?: { name: string; target: number };
}

const BARE = "bare hello (--no-config)";
const FLOOR = "floor (fetch+valibot)";
const CASES: readonly Case[] = [
  { name: BARE, args: ["--no-config", hello] },
  { name: FLOOR, args: [floor, `${api}/v2/platform/all`] },
  { name: "--help", args: [cli, "--help"], against: { name: BARE, target: 1.6 } },
  { name: "version", args: [cli, "version"], against: { name: BARE, target: 1.6 } },
  {
    name: "platforms --json",
    args: [cli, "platforms", "--json"],
    against: { name: FLOOR, target: 1.3 },
  },
  {
    name: "channel list --json",
    args: [cli, "channel", "list", "--json"],
    against: { name: FLOOR, target: 1.4 },
  },
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
  console.log(`median of ${RUNS} interleaved runs each (${cli})`);
  let missed = 0;
  for (const { name, against } of CASES) {
    const ms = medians.get(name)!;
    let note = "floor";
    if (against) {
      const ratio = ms / medians.get(against.name)!;
      const ok = ratio <= against.target;
      if (!ok) missed++;
      note = `${ratio.toFixed(2)}× ${against.name} (target ≤ ${against.target}×) ${
        ok ? "ok" : "MISSED"
      }`;
    }
    console.log(`${name.padEnd(26)} ${ms.toFixed(1).padStart(7)} ms  ${note}`);
  }
  if (missed > 0) console.log(`${missed} target(s) missed`);
} finally {
  await server.shutdown();
  await Deno.remove(hello);
  await Deno.remove(configDir, { recursive: true });
}
