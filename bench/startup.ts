/**
 * Start-up benchmark: median wall time of `--help`, `version` and `platforms --json`
 * (against a local server) next to a bare `deno run` hello-world started the same way,
 * printed as ratios. Run with `deno task bench`.
 */

const RUNS = Number(Deno.env.get("BENCH_RUNS") ?? 15);
const root = new URL("..", import.meta.url).pathname;
const cli = `${root}cli.ts`;
const hello = await Deno.makeTempFile({ suffix: ".ts" });
await Deno.writeTextFile(hello, 'console.log("hello");\n');

const server = Deno.serve(
  { hostname: "127.0.0.1", port: 0, onListen: () => {} },
  () => Response.json([{ id: 1, name: "Twitch", url: "https://twitch.tv" }]),
);
const env = { RESTREAM_API_URL: `http://127.0.0.1:${server.addr.port}`, NO_COLOR: "1" };

async function median(args: string[]): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const started = performance.now();
    const { code } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--quiet", ...args],
      env,
      stdout: "null",
      stderr: "null",
    }).output();
    if (code !== 0) throw new Error(`${args.join(" ")} exited ${code}`);
    if (i > 0) times.push(performance.now() - started); // the first run warms the cache
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

try {
  const baseline = await median([hello]);
  console.log(`baseline: bare deno run hello.ts  ${baseline.toFixed(1)} ms`);
  for (
    const [name, args] of [
      ["--help", [cli, "--help"]],
      ["version", [cli, "version"]],
      ["platforms --json", [cli, "platforms", "--json"]],
    ] as const
  ) {
    const ms = await median([...args]);
    console.log(
      `${name.padEnd(18)} ${ms.toFixed(1).padStart(7)} ms  ${(ms / baseline).toFixed(2)}× baseline`,
    );
  }
} finally {
  await server.shutdown();
  await Deno.remove(hello);
}
