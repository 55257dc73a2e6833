import assert from "node:assert/strict";
import { runCapture } from "../support/cli.ts";
import { FakeFetch } from "../support/fake_fetch.ts";
import { ENV, INSUFFICIENT_SCOPE, PROFILE, TOKEN } from "../support/rest_fixtures.ts";

Deno.test("profile: a Key: value block on a terminal and piped", async () => {
  for (const terminal of [100, undefined]) {
    const fake = new FakeFetch().on("GET", "/v2/user/profile", { body: PROFILE });
    const result = await runCapture(["profile", "--no-color"], {
      fetch: fake.fetch,
      env: ENV,
      terminal,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, "ID:       7\nUsername: streamer\nEmail:    s@example.com\n");
    assert.equal(result.stderr, "");
    fake.assertDone();
  }
});

Deno.test("profile --json: the API's object, unknown fields kept", async () => {
  const fake = new FakeFetch().on("GET", "/v2/user/profile", { body: PROFILE });
  const result = await runCapture(["profile", "--json"], { fetch: fake.fetch, env: ENV });
  assert.deepEqual(JSON.parse(result.stdout), PROFILE);
});

Deno.test("profile without a token: exit 3 and no request", async () => {
  const fake = new FakeFetch();
  const result = await runCapture(["profile"], { fetch: fake.fetch });
  assert.equal(result.code, 3);
  assert.match(result.stderr, /not logged in/);
  assert.equal(fake.requests.length, 0);
});

Deno.test("profile with a token lacking profile.read: exit 3 naming the scope", async () => {
  const fake = new FakeFetch().on("GET", "/v2/user/profile", INSUFFICIENT_SCOPE);
  const result = await runCapture(["profile", "--json"], { fetch: fake.fetch, env: ENV });
  assert.equal(result.code, 3);
  assert.equal(result.stdout, "");
  assert.deepEqual(JSON.parse(result.stderr), {
    error: {
      kind: "forbidden",
      status: 403,
      message: "missing scope profile.read (the token was not granted it)",
    },
  });
  assert.ok(!result.stderr.includes(TOKEN));
});
