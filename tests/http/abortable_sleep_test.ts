import assert from "node:assert/strict";
import { abortableSleep, HttpClient } from "../../src/http/http.ts";
import { FakeFetch } from "../support/fake_fetch.ts";
import { deadline } from "../support/deadline.ts";
import { rejects } from "../support/rejects.ts";

// Every other test injects its own sleep; these run the real one. Ctrl+C during a 60 s wait
// must end it at once: each wait here is far longer than the deadline that checks it ended.

Deno.test("abortableSleep: resolves after the delay; rejects at once with an aborted signal", async () => {
  const started = performance.now();
  await deadline(abortableSleep(20), "a 20 ms sleep", 5_000);
  assert.ok(performance.now() - started >= 19);
  const controller = new AbortController();
  controller.abort(new Error("stop"));
  await assert.rejects(abortableSleep(60_000, controller.signal), /stop/);
});

Deno.test("abortableSleep: an abort during a 60 s sleep ends it at once, with the signal's reason", async () => {
  const controller = new AbortController();
  const sleeping = abortableSleep(60_000, controller.signal);
  queueMicrotask(() => controller.abort(new Error("interrupted by SIGINT")));
  // The test's sanitizer also fails if the 60 s timer is left armed.
  await deadline(
    assert.rejects(sleeping, /interrupted by SIGINT/),
    "the aborted sleep's rejection",
    2_000,
  );
});

Deno.test("a request waiting 60 s to retry (default sleep) stops at once when aborted", async () => {
  const fake = new FakeFetch().on("GET", "/v2/x", {
    status: 503,
    headers: { "retry-after": "60" },
  });
  const controller = new AbortController();
  const http = new HttpClient({
    baseUrl: "https://api.example.test",
    fetch: fake.fetch,
    log: (line) => {
      // Logged just before the wait starts: abort once it is under way.
      if (line.includes("; waiting ")) queueMicrotask(() => controller.abort());
    },
  });
  const error = await deadline(
    rejects(http.request({ path: "/v2/x", signal: controller.signal })),
    "the interrupted retry wait",
    2_000,
  );
  assert.equal(error.kind, "interrupted");
  fake.assertDone();
});
