/**
 * Throughput of `monitor chat --json` against a server flooding the chat socket, next to a
 * bare Deno WebSocket client reading the same feed, plus the CLI's memory over the run.
 * The two clients take turns for a few rounds and the median ratio is reported, so a
 * machine whose load changes during the run skews both alike.
 *
 * Usage: deno run -A bench/monitor.ts [seconds per run = 10] [rounds = 3]
 * Target: the CLI reaches at least 0.5× the bare client, and its RSS does not grow.
 */

const SECONDS = Number(Deno.args[0] ?? 10);
const ROUNDS = Number(Deno.args[1] ?? 3);
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

/** The flooding server and how many messages its clients have taken so far. */
interface FloodServer {
  url: string;
  /** Messages sent minus those still waiting in the server's socket buffers. */
  drained(): number;
  close(): Promise<void>;
}

/** Every connection gets messages as fast as the client drains them. */
function startServer(): FloodServer {
  const sockets = new Set<WebSocket>();
  let sent = 0;
  let bytes = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const { socket, response } = Deno.upgradeWebSocket(req);
    let n = 0;
    const pump = (): void => {
      if (socket.readyState !== WebSocket.OPEN) return;
      while (socket.bufferedAmount < HIGH_WATER) {
        const message = chatMessage(n++);
        socket.send(message);
        sent++;
        bytes += message.length;
      }
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
    drained: () => {
      let buffered = 0;
      for (const socket of sockets) buffered += socket.bufferedAmount;
      return sent - buffered / (bytes / Math.max(1, sent));
    },
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

/** What one client achieved. */
interface ClientRun {
  /** Messages per second in the measured window. */
  rate: number;
  /** RSS samples in MB: after warm-up, then every tenth of the window. */
  rss: (number | undefined)[];
  /** Exit code after SIGINT. */
  exitCode: number;
  /** The last line of its stderr (the CLI's summary). */
  summary: string;
}

/**
 * Runs a client against the flood, measures over the window how many messages it drained
 * (counted by the server, the same way for both clients), then stops it with SIGINT.
 */
async function measure(server: FloodServer, args: string[], env = {}): Promise<ClientRun> {
  const child = new Deno.Command(Deno.execPath(), {
    args,
    env,
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const stderr = new Response(child.stderr).text();
  const first = server.drained();
  while (server.drained() <= first) await sleep(10);
  await sleep(WARMUP_SECONDS * 1000);
  const start = performance.now();
  const startCount = server.drained();
  const rss = [rssMb(child.pid)];
  for (let i = 0; i < 10; i++) {
    await sleep((SECONDS * 1000) / 10);
    rss.push(rssMb(child.pid));
  }
  const rate = (server.drained() - startCount) / ((performance.now() - start) / 1000);
  child.kill("SIGINT");
  const status = await child.status;
  const summary = (await stderr).trim().split("\n").at(-1) ?? "";
  return { rate, rss, exitCode: status.code, summary };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const server = startServer();
try {
  console.log(
    `flooding ${server.url}: ${ROUNDS} rounds of ${SECONDS} s per client ` +
      `(after ${WARMUP_SECONDS} s warm-up)`,
  );
  const ratios: number[] = [];
  let last: ClientRun | undefined;
  for (let round = 1; round <= ROUNDS; round++) {
    const bareRate =
      (await measure(server, ["run", "-A", `${ROOT}bench/bare_client.ts`, server.url]))
        .rate;
    last = await measure(
      server,
      ["run", "-A", `${ROOT}cli.ts`, "monitor", "chat", "--json"],
      { RESTREAM_TOKEN: "bench-token", RESTREAM_CHAT_WS_URL: server.url },
    );
    ratios.push(last.rate / bareRate);
    console.log(
      `round ${round}: bare ${format(bareRate)} msgs/s, monitor chat --json ` +
        `${format(last.rate)} msgs/s, ratio ${(last.rate / bareRate).toFixed(2)}×`,
    );
  }
  const median = ratios.sort((a, b) => a - b)[Math.floor(ratios.length / 2)];
  console.log(`median ratio: ${median.toFixed(2)}× (target ≥ 0.5×)`);
  console.log(
    `CLI RSS (MB) in the last round, after warm-up then every ${SECONDS / 10} s: ` +
      last!.rss.join(" "),
  );
  console.log(`CLI exit ${last!.exitCode}; its summary: ${last!.summary}`);
} finally {
  await server.close();
}

function format(rate: number): string {
  return Math.round(rate).toLocaleString("en");
}
