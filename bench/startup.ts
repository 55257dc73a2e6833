/**
 * Start-up benchmark (SPEC.md, "Start-up"): medians of interleaved runs of `--help`,
 * `version`, `platforms --json` and `channel list --json` (both against a local server), three
 * ways:
 *
 * - the CLI users get, run the way the floors run (`deno run -A`), where the targets apply: the
 *   bundle JSR publishes (built fresh by scripts/bundle.ts), with the install line's
 *   `--unstable-lazy-dynamic-imports` and no project config;
 * - that bundle installed with the README's install flags from a loopback URL (as from JSR:
 *   tests/support/served_install.ts) and run through the installed `restream`, which adds what
 *   Deno's install shim costs any installed program (a shell, the install's lockfile);
 * - this checkout's cli.ts (`deno run cli.ts`).
 *
 * Next to them, the true floors, started in the same run:
 *
 * - a bare hello-world, `deno run -A --no-config hello.ts` (outside the project's config:
 *   what the cheapest Deno program costs a user), for `--help` and `version`;
 * - bench/floor.ts (fetch the same local URL, valibot-parse it, print it), for the two
 *   commands that talk to the API.
 *
 * Run with `deno task bench`; `BENCH_RUNS` sets the runs per command (default 21),
 * `BENCH_CLI` another checkout's cli.ts to measure in the checkout rows (e.g. an older one, for
 * before/after figures). Every process gets the same small, clean environment (no `NO_COLOR`,
 * a fresh config directory), so a developer's shell settings do not change what is measured.
 *
 * @module
 */

import { bundle } from "../scripts/bundle.ts";
import { LAZY_IMPORTS_FLAG, permissionFlags } from "../scripts/permissions.ts";
import { installFromUrl } from "../tests/support/served_install.ts";

const RUNS = Number(Deno.env.get("BENCH_RUNS") ?? 21);
const root = new URL("..", import.meta.url).pathname;
const cli = Deno.env.get("BENCH_CLI") ?? `${root}cli.ts`;
const floor = `${root}bench/floor.ts`;
const work = await Deno.makeTempDir();
const hello = `${work}/hello.ts`;
await Deno.writeTextFile(hello, 'console.log("hello");\n');
const configDir = `${work}/config`;

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

/** What Deno itself needs (its cache, the `deno` an installed command starts), plus the CLI's settings. */
function environment(): Record<string, string> {
  const env: Record<string, string> = {
    RESTREAM_API_URL: api,
    RESTREAM_CONFIG_DIR: configDir,
    RESTREAM_TOKEN: "bench-token",
  };
  for (const name of ["HOME", "DENO_DIR", "XDG_CACHE_HOME"]) {
    const value = Deno.env.get(name);
    if (value !== undefined) env[name] = value;
  }
  env.PATH = [Deno.execPath().replace(/\/[^/]*$/, ""), Deno.env.get("PATH")].join(":");
  return env;
}
const env = environment();

/** One process run, in ms, in `cwd` (a checkout's cli.ts runs in its directory: its deno.json applies). */
async function time(program: string, args: readonly string[], cwd: string): Promise<number> {
  const started = performance.now();
  const { code } = await new Deno.Command(program, {
    args: [...args],
    env,
    clearEnv: true,
    cwd,
    stdout: "null",
    stderr: "null",
  }).output();
  if (code !== 0) throw new Error(`${program} ${args.join(" ")} exited ${code}`);
  return performance.now() - started;
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

interface Case {
  name: string;
  program: string;
  args: readonly string[];
  cwd: string;
  /** The case it is measured against, and the target ratio (none: shown for comparison). */
  against?: { name: string; target?: number };
}

const BARE = "bare hello (--no-config)";
const FLOOR = "floor (fetch+valibot)";
/** The four commands SPEC.md sets targets for, each against its floor. */
const COMMANDS: ReadonlyArray<
  { args: readonly string[]; against: { name: string; target: number } }
> = [
  { args: ["--help"], against: { name: BARE, target: 1.6 } },
  { args: ["version"], against: { name: BARE, target: 1.6 } },
  { args: ["platforms", "--json"], against: { name: FLOOR, target: 1.3 } },
  { args: ["channel", "list", "--json"], against: { name: FLOOR, target: 1.4 } },
];

try {
  const bundleDir = `${work}/bundle`;
  await bundle(root, bundleDir);
  const installed = await installFromUrl({
    bundleDir,
    root: `${work}/install`,
    flags: [LAZY_IMPORTS_FLAG, ...permissionFlags({ configDir, sourceDir: null })],
    env,
    cwd: work,
  });
  const deno = Deno.execPath();
  const checkout = cli.slice(0, cli.lastIndexOf("/") + 1);
  const CASES: readonly Case[] = [
    { name: BARE, program: deno, args: ["run", "-A", "--no-config", hello], cwd: work },
    {
      name: FLOOR,
      program: deno,
      args: ["run", "-A", "--quiet", floor, `${api}/v2/platform/all`],
      cwd: root,
    },
    ...COMMANDS.map(({ args, against }) => ({
      name: args.join(" "),
      program: deno,
      args: [
        "run",
        "-A",
        "--quiet",
        "--no-config",
        LAZY_IMPORTS_FLAG,
        `${bundleDir}/cli.js`,
        ...args,
      ],
      cwd: work,
      against,
    })),
    ...COMMANDS.map(({ args, against }) => ({
      name: `installed: ${args.join(" ")}`,
      program: installed,
      args,
      cwd: work,
      against: { name: against.name },
    })),
    // From a checkout: slower (every module is its own file, valibot whole); no target.
    ...COMMANDS.map(({ args, against }) => ({
      name: `checkout: ${args.join(" ")}`,
      program: deno,
      args: ["run", "-A", "--quiet", cli, ...args],
      cwd: checkout,
      against: { name: against.name },
    })),
  ];

  // Round-robin, so the floors and every command see the same machine load; the first
  // round only warms the caches.
  const times = new Map<string, number[]>(CASES.map(({ name }) => [name, []]));
  for (let round = 0; round <= RUNS; round++) {
    for (const { name, program, args, cwd } of CASES) {
      const ms = await time(program, args, cwd);
      if (round > 0) times.get(name)!.push(ms);
    }
  }
  const medians = new Map([...times].map(([name, list]) => [name, median(list)]));
  console.log(`median of ${RUNS} interleaved runs each: the bundle, installed, and ${cli}`);
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
    console.log(`${name.padEnd(34)} ${ms.toFixed(1).padStart(7)} ms  ${note}`);
  }
  if (missed > 0) console.log(`${missed} target(s) missed`);
} finally {
  await server.shutdown();
  await Deno.remove(work, { recursive: true });
}
