/**
 * Throughput of `monitor chat --json` against a server flooding the chat socket, next to a
 * bare Deno WebSocket client reading the same feed, plus the CLI's memory over the run.
 *
 * Usage: deno run -A bench/monitor.ts [seconds = 10]
 * Target: the CLI reaches at least 0.5× the bare client, and its RSS does not grow.
 */

const SECONDS = Number(Deno.args[0] ?? 10);
const WARMUP_SECONDS = 2;
/** How much the server lets pile up in a socket before it waits (bytes). */
const HIGH_WATER = 1 << 20;
const ROOT = new URL("..", import.meta.url).pathname;

/** A realistic chat message (about 500 bytes), numbered so that no two are equal. */
function chatMessage(n: number): string {
  return JSON.stringify({
    action: "event",
    timestamp: 1764093667 + Math.floor(n / 1000),
    payload: {
      connectionIdentifier: "5b7a-twitch-owner",
      eventIdentifier: `msg-${n}`,
      eventSourceId: 2,
      eventTypeId: 4,
      userId: 1234567,
      eventPayload: {
        author: {
          avatar: "https://static-cdn.jtvnw.net/user-default-pictures/avatar-300x300.png",
          color: "#8A2BE2",
          displayName: `viewer${n % 500}`,
          id: String(100000 + (n % 500)),
          name: `viewer${n % 500}`,
          subscribedFor: 3,
        },
        bot: false,
        contentModifiers: { whisper: false },
        text: `message number ${n} Kappa with some ordinary chat text`,
        replaces: [{ from: 22, to: 26, type: "image", url: "https://x/kappa.png" }],
      },
    },
  });
}

/** The flooding server: every connection gets messages as fast as the socket drains. */
function startServer(): { url: string; close: () => Promise<void> } {
  const sockets = new Set<WebSocket>();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const { socket, response } = Deno.upgradeWebSocket(req);
    let n = 0;
    const pump = (): void => {
      if (socket.readyState !== WebSocket.OPEN) return;
      while (socket.bufferedAmount < HIGH_WATER) socket.send(chatMessage(n++));
      setTimeout(pump, 0);
    };
    socket.onopen = () => {
      sockets.add(socket);
      pump();
    };
    socket.onclose = () => sockets.delete(socket);
    return response;
  });
  return {
    url: `ws://127.0.0.1:${server.addr.port}/ws`,
    close: async () => {
      for (const socket of sockets) socket.close();
      await server.shutdown();
    },
  };
}

/** Resident memory of a process in MB (Linux /proc; undefined elsewhere). */
function rssMb(pid: number): number | undefined {
  try {
    const status = Deno.readTextFileSync(`/proc/${pid}/status`);
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 102.4) / 10 : undefined;
  } catch {
    return undefined;
  }
}

async function bare(url: string): Promise<number> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      `${ROOT}bench/bare_client.ts`,
      url,
      String(WARMUP_SECONDS),
      String(SECONDS),
    ],
    stderr: "inherit",
  }).output();
  const { messages, seconds } = JSON.parse(new TextDecoder().decode(output.stdout));
  return messages / seconds;
}

interface CliRun {
  rate: number;
  /** RSS samples in MB, one per tenth of the measured window. */
  rss: (number | undefined)[];
  exitCode: number;
  summary: string;
}

async function cli(url: string): Promise<CliRun> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${ROOT}cli.ts`, "monitor", "chat", "--json"],
    env: { RESTREAM_TOKEN: "bench-token", RESTREAM_CHAT_WS_URL: url },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stderr = new Response(child.stderr).text();
  let lines = 0;
  const reading = (async () => {
    for await (const chunk of child.stdout) {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    }
  })();
  while (lines === 0) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, WARMUP_SECONDS * 1000));
  const windowStart = performance.now();
  const windowLines = lines;
  const rss = [rssMb(child.pid)];
  for (let i = 0; i < 10; i++) {
    await new Promise((r) => setTimeout(r, (SECONDS * 1000) / 10));
    rss.push(rssMb(child.pid));
  }
  const rate = (lines - windowLines) / ((performance.now() - windowStart) / 1000);
  child.kill("SIGINT");
  const status = await child.status;
  await reading;
  const summary = (await stderr).trim().split("\n").at(-1) ?? "";
  return { rate, rss, exitCode: status.code, summary };
}

const server = startServer();
try {
  console.log(
    `flooding ${server.url} for ${SECONDS} s per client (after ${WARMUP_SECONDS} s warm-up)`,
  );
  const bareRate = await bare(server.url);
  console.log(`bare Deno WebSocket client: ${Math.round(bareRate).toLocaleString("en")} msgs/s`);
  const run = await cli(server.url);
  console.log(`monitor chat --json:        ${Math.round(run.rate).toLocaleString("en")} msgs/s`);
  console.log(`ratio: ${(run.rate / bareRate).toFixed(2)}× (target ≥ 0.5×)`);
  console.log(`CLI RSS (MB) after warm-up, then every ${SECONDS / 10} s: ${run.rss.join(" ")}`);
  console.log(`CLI exit ${run.exitCode}; its summary: ${run.summary}`);
} finally {
  await server.close();
}
