import assert from "node:assert/strict";
import { assertWebSocketUrlBelongs, webSocketUrlBelongs } from "../../src/auth/origin.ts";
import { UsageError } from "../../src/errors.ts";

Deno.test("webSocketUrlBelongs: the production pairing, or the same host and port as the API", () => {
  const yes: Array<[string, string]> = [
    ["https://api.restream.io", "wss://chat.api.restream.io/ws"],
    ["https://api.restream.io", "wss://streaming.api.restream.io/ws"],
    ["https://api.restream.io/", "wss://chat.api.restream.io:443/ws?x=1"],
    ["http://127.0.0.1:8080", "ws://127.0.0.1:8080/ws/chat"],
    ["http://localhost:80", "ws://localhost/ws"],
    ["https://api.example.com", "wss://api.example.com/ws"],
    ["http://[::1]:9", "ws://[::1]:9/ws/streaming"],
  ];
  const no: Array<[string, string]> = [
    ["https://api.restream.io", "ws://127.0.0.1:8080/ws/chat"],
    ["https://api.restream.io", "ws://chat.api.restream.io/ws"],
    ["https://api.restream.io", "wss://chat.api.restream.io:8443/ws"],
    ["https://api.restream.io", "wss://evil.restream.io.example/ws"],
    ["http://127.0.0.1:8080", "wss://chat.api.restream.io/ws"],
    ["http://127.0.0.1:8080", "ws://127.0.0.1:8081/ws"],
    ["http://127.0.0.1:8080", "ws://localhost:8080/ws"],
    ["https://staging.example.com", "wss://chat.api.restream.io/ws"],
    ["http://127.0.0.1:8080", "http://127.0.0.1:8080/ws"],
  ];
  for (const [api, ws] of yes) assert.ok(webSocketUrlBelongs(api, ws), `${api} ${ws}`);
  for (const [api, ws] of no) assert.ok(!webSocketUrlBelongs(api, ws), `${api} ${ws}`);
});

Deno.test("assertWebSocketUrlBelongs: stored tokens are bound; RESTREAM_TOKEN only refuses cleartext", () => {
  const base = {
    apiUrl: "https://api.restream.io",
    variable: "RESTREAM_CHAT_WS_URL",
    defaultUrl: "wss://chat.api.restream.io/ws",
  };
  assertWebSocketUrlBelongs({ ...base, wsUrl: base.defaultUrl, source: "file" });
  assertWebSocketUrlBelongs({ ...base, wsUrl: "ws://127.0.0.1:1/ws", source: "env" });
  for (const source of ["file", "memory"] as const) {
    assert.throws(
      () => assertWebSocketUrlBelongs({ ...base, wsUrl: "ws://127.0.0.1:1/ws", source }),
      UsageError,
      source,
    );
  }
  for (const source of ["env", "file"] as const) {
    assert.throws(
      () => assertWebSocketUrlBelongs({ ...base, wsUrl: "ws://chat.api.restream.io/ws", source }),
      /unencrypted/,
    );
    assert.throws(
      () =>
        assertWebSocketUrlBelongs({
          ...base,
          apiUrl: "http://api.example.com",
          wsUrl: "wss://api.example.com/ws",
          source,
        }),
      /RESTREAM_API_URL \(http:\/\/api\.example\.com\) unencrypted/,
    );
  }
  // A URL set for another local server while the API is a local mock: set it, not unset it.
  assert.throws(
    () =>
      assertWebSocketUrlBelongs({
        ...base,
        apiUrl: "http://127.0.0.1:8080",
        wsUrl: "ws://127.0.0.1:9090/ws/chat",
        source: "file",
      }),
    {
      message: "RESTREAM_CHAT_WS_URL (ws://127.0.0.1:9090) does not belong to " +
        "http://127.0.0.1:8080, whose stored token it would receive: " +
        "set RESTREAM_CHAT_WS_URL to a WebSocket URL on 127.0.0.1:8080",
    },
  );
});
