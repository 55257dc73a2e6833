import assert from "node:assert/strict";
import { loadConfig } from "../src/config.ts";
import { RestreamError } from "../src/errors.ts";

const env = (values: Record<string, string>) => (name: string) => values[name];

Deno.test("defaults apply when nothing is set", () => {
  const config = loadConfig(env({ HOME: "/home/u" }), "linux");
  assert.equal(config.apiUrl, "https://api.restream.io");
  assert.equal(config.streamingWsUrl, "wss://streaming.api.restream.io/ws");
  assert.equal(config.chatWsUrl, "wss://chat.api.restream.io/ws");
  assert.equal(config.configDir, "/home/u/.config/restream.io");
  assert.equal(config.token, undefined);
  assert.equal(config.noColor, false);
});

Deno.test("every variable is read; the API URL loses its trailing slash", () => {
  const config = loadConfig(
    env({
      RESTREAM_API_URL: "http://127.0.0.1:9/",
      RESTREAM_STREAMING_WS_URL: "ws://s",
      RESTREAM_CHAT_WS_URL: "ws://c",
      RESTREAM_CLIENT_ID: "id",
      RESTREAM_CLIENT_SECRET: "secret",
      RESTREAM_TOKEN: "tok",
      RESTREAM_CONFIG_DIR: "/cfg",
      NO_COLOR: "1",
    }),
    "linux",
  );
  assert.deepEqual(config, {
    apiUrl: "http://127.0.0.1:9",
    streamingWsUrl: "ws://s",
    chatWsUrl: "ws://c",
    clientId: "id",
    clientSecret: "secret",
    token: "tok",
    configDir: "/cfg",
    noColor: true,
  });
});

Deno.test("config directory: older name, XDG, Windows APPDATA", () => {
  assert.equal(loadConfig(env({ RESTREAM_CONFIG_PATH: "/old" }), "linux").configDir, "/old");
  assert.equal(
    loadConfig(env({ XDG_CONFIG_HOME: "/xdg", HOME: "/h" }), "linux").configDir,
    "/xdg/restream.io",
  );
  assert.equal(
    loadConfig(env({ APPDATA: "C:\\Users\\u\\AppData" }), "windows").configDir?.endsWith(
      "restream.io",
    ),
    true,
  );
  assert.equal(loadConfig(env({}), "linux").configDir, undefined);
});

Deno.test("a URL variable that is not a URL of the right scheme is a usage error naming it", () => {
  const cases: [string, string][] = [
    ["RESTREAM_API_URL", "ftp://x"],
    ["RESTREAM_API_URL", "not a url"],
    ["RESTREAM_API_URL", "ws://127.0.0.1:9"],
    ["RESTREAM_STREAMING_WS_URL", "https://streaming.example"],
    ["RESTREAM_CHAT_WS_URL", "nope"],
  ];
  for (const [name, value] of cases) {
    assert.throws(
      () => loadConfig(env({ [name]: value }), "linux"),
      (error: unknown) =>
        error instanceof RestreamError && error.kind === "usage" &&
        error.message.includes(name) && !error.message.includes("\n"),
      `${name}=${value}`,
    );
  }
  // A path prefix (a proxy) and upper-case schemes stay accepted.
  assert.equal(
    loadConfig(env({ RESTREAM_API_URL: "HTTPS://proxy.example/restream/" }), "linux").apiUrl,
    "HTTPS://proxy.example/restream",
  );
});

Deno.test("RESTREAM_CONFIG_DIR wins over the older RESTREAM_CONFIG_PATH; empty variables count as unset", () => {
  const both = env({ RESTREAM_CONFIG_DIR: "/new", RESTREAM_CONFIG_PATH: "/old", HOME: "/h" });
  assert.equal(loadConfig(both, "linux").configDir, "/new");
  const empty = loadConfig(
    env({
      RESTREAM_API_URL: "",
      RESTREAM_STREAMING_WS_URL: "",
      RESTREAM_TOKEN: "",
      RESTREAM_CONFIG_DIR: "",
      RESTREAM_CONFIG_PATH: "/old",
      NO_COLOR: "",
    }),
    "linux",
  );
  assert.equal(empty.apiUrl, "https://api.restream.io");
  assert.equal(empty.streamingWsUrl, "wss://streaming.api.restream.io/ws");
  assert.equal(empty.token, undefined);
  assert.equal(empty.configDir, "/old");
  assert.equal(empty.noColor, false);
});
