import assert from "node:assert/strict";
import { formatClock, zoneName } from "../../src/cli/format.ts";
import { runCapture } from "../support/cli.ts";
import { FakeFetch } from "../support/fake_fetch.ts";
import { lineCount, runWhileServing } from "../support/monitor_cli.ts";
import { deadline } from "../support/deadline.ts";
import { closedPort, WsTestServer } from "../support/ws_server.ts";
import { fastTuning } from "../ws/helpers.ts";

const TOKEN = "sekrit-token-9d1";
const T = 1764093667;

const TWITCH = {
  action: "event",
  timestamp: T,
  payload: {
    connectionIdentifier: "c1",
    eventIdentifier: "e1",
    eventSourceId: 2,
    eventTypeId: 4,
    eventPayload: {
      author: { displayName: "nick", name: "nick" },
      bot: false,
      text: "hello Kappa",
      replaces: [{ from: 6, to: 10, type: "image", url: "https://x/kappa.png" }],
    },
  },
};
const SUPER_CHAT = {
  action: "event",
  timestamp: T,
  payload: {
    eventSourceId: 13,
    eventTypeId: 7,
    eventPayload: {
      author: { displayName: "Fan" },
      text: "great show",
      donation: { amount: 5000000, currencyString: "$5.00", tier: 2 },
    },
  },
};
const CONNECTED = {
  action: "connection_info",
  timestamp: T,
  payload: { connectionUuid: "u1", eventSourceId: 2, status: "connected", target: "mychannel" },
};
const CLOSED = {
  action: "connection_closed",
  timestamp: T,
  payload: { connectionUuid: "u1", reason: "removed" },
};
const HEARTBEAT = { action: "heartbeat", payload: {}, timestamp: T };
const NEW_ACTION = { action: "poll_started", timestamp: T, payload: { question: "?" } };

function env(server: WsTestServer): Record<string, string> {
  return {
    RESTREAM_TOKEN: TOKEN,
    RESTREAM_CHAT_WS_URL: server.url,
    RESTREAM_STREAMING_WS_URL: server.url,
  };
}

Deno.test("monitor chat --json: every message, in order, exactly as sent; --duration exits 0 with a summary", async () => {
  const sent = [HEARTBEAT, CONNECTED, TWITCH, SUPER_CHAT, NEW_ACTION, CLOSED];
  const server = WsTestServer.start({
    onConnection: (c) => {
      c.send(sent[0]);
      c.send("garbage");
      c.send(JSON.stringify(sent[1], null, 2)); // pretty-printed: still one NDJSON line
      sent.slice(2).forEach((m) => c.send(m));
    },
  });
  try {
    const result = await runCapture(["monitor", "chat", "--json", "--duration", "1"], {
      env: env(server),
    });
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trimEnd().split("\n");
    assert.deepEqual(lines.map((line) => JSON.parse(line)), sent);
    assert.match(result.stderr, /skipped a malformed message \(not JSON\): garbage/);
    // Only the two chat messages count, not status lines, heartbeats or unknown actions.
    assert.match(result.stderr, /^monitor chat: 2 chat messages, 0 reconnects, 1\.\d s$/m);
    assert.equal(server.handshakes[0], TOKEN);
  } finally {
    await server.close();
  }
});

Deno.test("monitor chat: readable lines, platform names, Super Chat amounts, status lines, unknown actions", async () => {
  const server = WsTestServer.start({
    onConnection: (c) =>
      [HEARTBEAT, CONNECTED, TWITCH, SUPER_CHAT, NEW_ACTION, CLOSED].forEach(
        (m) => c.send(m),
      ),
  });
  try {
    const result = await runWhileServing(["monitor", "chat"], server, { env: env(server) }, {
      until: ({ stdout }) => lineCount(stdout) >= 5,
    });
    assert.equal(result.code, 0, result.stderr);
    const time = formatClock(T);
    assert.equal(
      result.stdout,
      [
        `${time} [Twitch] connected mychannel`,
        `${time} [Twitch] nick: hello Kappa`,
        `${time} [YouTube] Fan: [Super Chat $5.00] great show`,
        `${time} [?] poll_started {"timestamp":${T},"payload":{"question":"?"}}`,
        `${time} [Twitch] connection closed: removed`,
        "",
      ].join("\n"),
    );
    assert.match(result.stderr, /^monitor chat: 2 chat messages, 0 reconnects/m);
    // The lines show the time of day; the zone is named once, before them.
    assert.match(result.stderr, new RegExp(`^times are ${zoneName(new Date(T))}$`, "m"));
  } finally {
    await server.close();
  }
});

Deno.test("monitor chat on a terminal: status lines dim, authors coloured; chat text cannot inject escapes", async () => {
  const evil = structuredClone(TWITCH);
  evil.payload.eventPayload.text = "hi\x1b[2J\nthere";
  const server = WsTestServer.start({
    onConnection: (c) => [CONNECTED, evil].forEach((m) => c.send(m)),
  });
  try {
    const result = await runWhileServing(["monitor", "chat"], server, {
      env: env(server),
      terminal: 100,
    }, { until: ({ stdout }) => lineCount(stdout) >= 2 });
    assert.equal(result.code, 0, result.stderr);
    const [status, chat] = result.stdout.trimEnd().split("\n");
    assert.ok(status.startsWith("\x1b[2m"), JSON.stringify(status));
    // The escape is removed whole; the line break inside the text becomes a space.
    assert.ok(chat.includes("\x1b[36mnick\x1b[39m: hi there"), JSON.stringify(chat));
  } finally {
    await server.close();
  }
});

Deno.test("monitor chat: Ctrl+C (the run's signal) closes the socket and exits 0 with a summary", async () => {
  const server = WsTestServer.start({ onConnection: (c) => c.send(TWITCH) });
  try {
    const result = await runWhileServing(["monitor", "chat", "--json"], server, {
      env: env(server),
    }, { until: ({ stdout }) => lineCount(stdout) >= 1 });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(await deadline(server.connections[0].closed, "the socket's close"), 1000);
    assert.deepEqual(JSON.parse(result.stdout), TWITCH);
    assert.match(result.stderr, /^monitor chat: 1 chat message, 0 reconnects, \d+\.\d s$/m);
    // stderr is not a terminal here: no `^C` to step over, no blank line.
    assert.doesNotMatch(result.stderr, /^\n/);
  } finally {
    await server.close();
  }
});

Deno.test("monitor chat: after Ctrl+C on a terminal the summary starts on a fresh line, not after ^C", async () => {
  const server = WsTestServer.start({ onConnection: (c) => c.send(TWITCH) });
  const fake = new FakeFetch();
  try {
    const result = await runWhileServing(["monitor", "chat"], server, {
      env: env(server),
      fetch: fake.fetch,
      stderrIsTerminal: true,
    }, { until: ({ stdout }) => lineCount(stdout) >= 1 });
    assert.equal(result.code, 0, result.stderr);
    // The zone notice, then an empty line (after ^C), then the summary.
    assert.match(result.stderr, /^times are \S+\n\nmonitor chat: 1 chat message, 0 reconnects, /);
  } finally {
    await server.close();
  }
});

Deno.test("monitor chat: a dropped connection is announced on stderr with attempt and delay", async () => {
  const server = WsTestServer.start({
    onConnection: (c, index) => {
      c.send({ ...TWITCH, n: index });
      if (index === 0) c.drop(1011, "going away");
    },
  });
  try {
    const result = await runWhileServing(["monitor", "chat", "--json"], server, {
      env: env(server),
      monitorTuning: fastTuning(),
    }, {
      connections: 2,
      until: ({ stdout, stderr }) => lineCount(stdout) >= 2 && /reconnected$/m.test(stderr),
    });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(result.stdout.trimEnd().split("\n").map((l) => JSON.parse(l).n), [0, 1]);
    assert.match(
      result.stderr,
      /connection closed \(code 1011: going away\); reconnect attempt 1 in 1\.0 s/,
    );
    // Stamped like every monitor line.
    assert.match(
      result.stderr,
      /^\d\d:\d\d:\d\d connection closed \(code 1011: going away\); reconnect attempt 1/m,
    );
    assert.match(result.stderr, /^\d\d:\d\d:\d\d reconnected$/m);
    assert.match(result.stderr, /^monitor chat: 2 chat messages, 1 reconnect, /m);
  } finally {
    await server.close();
  }
});

Deno.test("monitor chat: a handshake refused with 401 for RESTREAM_TOKEN (never refreshed) exits 3", async () => {
  const server = WsTestServer.start({ acceptToken: () => false });
  const fake = new FakeFetch();
  try {
    const result = await runCapture(["monitor", "chat", "--json"], {
      env: env(server),
      fetch: fake.fetch,
      monitorTuning: fastTuning(),
    });
    assert.equal(result.code, 3, result.stderr);
    assert.equal(result.stdout, "");
    const error = JSON.parse(result.stderr.trimEnd().split("\n").at(-1)!);
    assert.equal(error.error.kind, "auth");
    assert.match(error.error.message, /chat API refused the access token/);
    assert.ok(!result.stderr.includes(TOKEN));
    assert.equal(fake.requests.length, 0, "a 401 needs no token check");
  } finally {
    await server.close();
  }
});

Deno.test("monitor chat: no server to connect to: 5 retries announced, then exit 1", async () => {
  const url = `ws://127.0.0.1:${closedPort()}/ws`;
  const tuning = fastTuning();
  const result = await runCapture(["monitor", "chat"], {
    env: { RESTREAM_TOKEN: TOKEN, RESTREAM_CHAT_WS_URL: url },
    monitorTuning: tuning,
  });
  assert.equal(result.code, 1, result.stderr);
  assert.equal(result.stderr.match(/reconnect attempt \d in/g)?.length, 5);
  assert.match(result.stderr, /error: cannot connect to the chat API at .* after 6 attempts/);
  assert.deepEqual(tuning.delays, [1000, 2000, 4000, 8000, 16000]);
});

Deno.test("monitor without a token exits 3 before connecting", async () => {
  const result = await runCapture(["monitor", "streaming"], { env: {} });
  assert.equal(result.code, 3);
  assert.match(result.stderr, /not logged in/);
});

Deno.test("monitor --duration must be a positive number (exit 2)", async () => {
  const result = await runCapture(["monitor", "chat", "--duration", "0"], {
    env: { RESTREAM_TOKEN: TOKEN },
  });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /invalid --duration '0'/);
});

Deno.test("monitor -v logs the socket URL with the token masked", async () => {
  const server = WsTestServer.start();
  try {
    const result = await runWhileServing(["monitor", "chat", "-v"], server, { env: env(server) }, {
      until: ({ stderr }) => /connecting to/.test(stderr),
    });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /connecting to ws:\/\/127\.0\.0\.1:\d+\/ws\?accessToken=\*\*\*/);
    assert.ok(!result.stderr.includes(TOKEN));
  } finally {
    await server.close();
  }
});

Deno.test("monitor chat: connection_closed forgets only the connection whose uuid matches", async () => {
  const connected = (uuid: string, eventSourceId: number) => ({
    action: "connection_info",
    timestamp: T,
    payload: { connectionUuid: uuid, eventSourceId, status: "connected", target: "t" },
  });
  const closed = (uuid: string) => ({
    action: "connection_closed",
    timestamp: T,
    payload: { connectionUuid: uuid, reason: "replaced" },
  });
  const server = WsTestServer.start({
    onConnection: (c) =>
      [
        connected("u1", 2),
        connected("u2", 13),
        closed("u9"),
        closed("u2"),
        closed("u2"),
        closed("u1"),
      ].forEach((m) => c.send(m)),
  });
  try {
    const result = await runWhileServing(["monitor", "chat"], server, { env: env(server) }, {
      until: ({ stdout }) => lineCount(stdout) >= 6,
    });
    assert.equal(result.code, 0, result.stderr);
    const time = formatClock(T);
    assert.deepEqual(result.stdout.split("\n").slice(2, 6), [
      `${time} [?] connection closed: replaced`,
      `${time} [YouTube] connection closed: replaced`,
      `${time} [?] connection closed: replaced`,
      `${time} [Twitch] connection closed: replaced`,
    ]);
  } finally {
    await server.close();
  }
});
