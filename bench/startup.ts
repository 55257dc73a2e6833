/**
 * Start-up benchmark: median wall time of `--help`, `version`, `platforms --json` and
 * `channel list --json` (both against a local server; the second loads the client when it
 * runs) next to a bare `deno run` hello-world started the same way, printed as ratios.
 * Run with `deno task bench`; `BENCH_RUNS` sets the runs per command (default 15).
 *
 * Every process gets the same small, clean environment (no `NO_COLOR`, a fresh config
 * directory), so a developer's shell settings do not change what is measured.
 */

const RUNS = Number(Deno.env.get("BENCH_RUNS") ?? 15);
/** `--help` must stay within this many times the bare hello-world (issue 2). */
const HELP_TARGET = 2.5;
const root = new URL("..", import.meta.url).pathname;
const cli = `${root}cli.ts`;
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

/** What Deno itself needs (its cache), plus the CLI's settings. */
function environment(): Record<string, string> {
  const env: Record<string, string> = {
    RESTREAM_API_URL: `http://127.0.0.1:${server.addr.port}`,
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

/** One process run, in ms. */
async function time(args: readonly string[]): Promise<number> {
  const started = performance.now();
  const { code } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", ...args],
    env,
    clearEnv: true,
    cwd: root,
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

const BASELINE = "bare deno run hello.ts";
const COMMANDS: ReadonlyArray<readonly [string, readonly string[]]> = [
  [BASELINE, [hello]],
  ["--help", [cli, "--help"]],
  ["version", [cli, "version"]],
  ["platforms --json", [cli, "platforms", "--json"]],
  ["channel list --json", [cli, "channel", "list", "--json"]],
];

try {
  // Round-robin, so the baseline and every command see the same machine load; the first
  // round only warms the caches.
  const times = new Map<string, number[]>(COMMANDS.map(([name]) => [name, []]));
  for (let round = 0; round <= RUNS; round++) {
    for (const [name, args] of COMMANDS) {
      const ms = await time(args);
      if (round > 0) times.get(name)!.push(ms);
    }
  }
  const baseline = median(times.get(BASELINE)!);
  console.log(`median of ${RUNS} runs each, interleaved`);
  for (const [name] of COMMANDS) {
    const ms = median(times.get(name)!);
    const ratio = name === BASELINE ? "baseline" : `${(ms / baseline).toFixed(2)}× baseline`;
    const target = name === "--help" ? `  (target ≤ ${HELP_TARGET}×)` : "";
    console.log(`${name.padEnd(22)} ${ms.toFixed(1).padStart(7)} ms  ${ratio}${target}`);
  }
} finally {
  await server.shutdown();
  await Deno.remove(hello);
  await Deno.remove(configDir, { recursive: true });
}
