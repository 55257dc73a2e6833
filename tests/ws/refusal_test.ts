/** What a refused handshake means, and when a refresh is spent (SPEC.md, "Hostile input"). */

import assert from "node:assert/strict";
import { RestreamError } from "../../src/errors.ts";
import { HttpClient } from "../../src/http/http.ts";
import {
  handshakeStatus,
  judgeRefusal,
  profileTokenCheck,
  type RefusalStage,
} from "../../src/ws/refusal.ts";
import { FakeFetch } from "../support/fake_fetch.ts";

const DENO = "NetworkError: failed to connect to WebSocket: ";

Deno.test("handshakeStatus reads the status from Deno's error text, and nothing else", () => {
  assert.equal(handshakeStatus(`${DENO}Invalid status code: 502`), 502);
  assert.equal(handshakeStatus(`${DENO}Invalid status code: 401`), 401);
  assert.equal(handshakeStatus("failed to connect to WebSocket: Invalid status code 400"), 400);
  assert.equal(handshakeStatus(`${DENO}tcp connect error`), undefined);
  assert.equal(handshakeStatus("connection error"), undefined);
  assert.equal(handshakeStatus(undefined), undefined);
  // A number elsewhere in the text is not a status.
  assert.equal(handshakeStatus(`${DENO}dns error: 127.0.0.1:401 unreachable`), undefined);
  assert.equal(handshakeStatus("status code: 4011"), undefined);
});

/** Runs the judge with a refresh and a check that record their calls. */
async function judge(
  text: string,
  options: { stage?: RefusalStage; valid?: boolean | Error; refreshed?: string | null | Error } =
    {},
) {
  const calls: string[] = [];
  const verdict = await judgeRefusal("tok", text, options.stage ?? "fresh", {
    tokens: {
      getAccessToken: () => Promise.resolve("tok"),
      refreshAfterUnauthorized: (rejected) => {
        calls.push(`refresh ${rejected}`);
        const r = options.refreshed === undefined ? "new" : options.refreshed;
        return r instanceof Error ? Promise.reject(r) : Promise.resolve(r);
      },
    },
    checkToken: (token) => {
      calls.push(`check ${token}`);
      const v = options.valid ?? true;
      return v instanceof Error ? Promise.reject(v) : Promise.resolve(v);
    },
  });
  return { verdict, calls };
}

Deno.test("judgeRefusal: 401 refreshes once per streak; nothing better to be had is a rejection", async () => {
  const status401 = `${DENO}Invalid status code: 401`;
  assert.deepEqual(await judge(status401), {
    verdict: { kind: "refreshed", token: "new", stage: "refresh_tried" },
    calls: ["refresh tok"],
  });
  assert.deepEqual((await judge(status401, { stage: "refresh_tried" })).verdict.kind, "rejected");
  assert.deepEqual((await judge(status401, { refreshed: null })).verdict.kind, "rejected");
  const refused = new RestreamError("auth", "refresh refused");
  assert.deepEqual((await judge(status401, { refreshed: refused })).verdict.kind, "rejected");
  // A token endpoint out of reach is no verdict on the token: retried later, streak kept.
  const unreachable = new RestreamError("network", "cannot reach");
  assert.deepEqual((await judge(status401, { refreshed: unreachable })).verdict, {
    kind: "retry",
    stage: "fresh",
  });
  // A token found good earlier in the streak may still expire: a 401 refreshes.
  assert.equal((await judge(status401, { stage: "done" })).verdict.kind, "refreshed");
});

Deno.test("judgeRefusal: 403 is forbidden (a missing scope); no refresh, no check", async () => {
  assert.deepEqual(await judge(`${DENO}Invalid status code: 403`), {
    verdict: { kind: "forbidden", stage: "fresh" },
    calls: [],
  });
});

Deno.test("judgeRefusal: other statuses and network failures are retried, spending nothing", async () => {
  for (
    const text of [
      `${DENO}Invalid status code: 502`,
      `${DENO}Invalid status code: 500`,
      `${DENO}Invalid status code: 404`,
      `${DENO}tcp connect error: Connection refused (os error 111)`,
      `${DENO}dns error: failed to lookup address information`,
    ]
  ) {
    assert.deepEqual(await judge(text, { valid: false }), {
      verdict: { kind: "retry", stage: "fresh" },
      calls: [],
    }, text);
  }
});

Deno.test("judgeRefusal: 400 or no status asks the API with the same token; only a refusal refreshes", async () => {
  for (
    const text of [`${DENO}Invalid status code: 400`, "connection error", `${DENO}unexpected EOF`]
  ) {
    assert.deepEqual(await judge(text, { valid: false }), {
      verdict: { kind: "refreshed", token: "new", stage: "refresh_tried" },
      calls: ["check tok", "refresh tok"],
    }, text);
    assert.deepEqual(await judge(text, { valid: true }), {
      verdict: { kind: "retry", stage: "done" },
      calls: ["check tok"],
    }, text);
    // Could not tell (the check failed): retried, checked again next time.
    assert.deepEqual(await judge(text, { valid: new Error("offline") }), {
      verdict: { kind: "retry", stage: "fresh" },
      calls: ["check tok"],
    }, text);
    // Found good already in this streak: not checked again.
    assert.deepEqual(await judge(text, { stage: "done", valid: false }), {
      verdict: { kind: "retry", stage: "done" },
      calls: [],
    }, text);
  }
});

Deno.test("profileTokenCheck sends exactly the given token and never refreshes it", async () => {
  const fake = new FakeFetch()
    .on("GET", "/v2/user/profile", { body: { id: 1 } })
    .on("GET", "/v2/user/profile", { status: 401, body: { error: { message: "Invalid token" } } })
    .on("GET", "/v2/user/profile", {
      status: 403,
      body: { error: { message: "Insufficient scope", name: "insufficient_scope" } },
    })
    .on("GET", "/v2/user/profile", { status: 500 }, { repeat: true });
  const http = new HttpClient({
    baseUrl: "https://api.example.test",
    fetch: fake.fetch,
    sleep: () => Promise.resolve(),
  });
  const check = profileTokenCheck(http);
  assert.equal(await check("a"), true);
  assert.equal(await check("b"), false);
  assert.equal(await check("c"), true, "a missing scope is not a bad token");
  await assert.rejects(check("d"), RestreamError);
  assert.deepEqual(
    fake.requests.slice(0, 3).map((r) => r.headers.get("authorization")),
    ["Bearer a", "Bearer b", "Bearer c"],
  );
});
