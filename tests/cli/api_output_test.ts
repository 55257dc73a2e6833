/**
 * `api` output and hostile bodies (SPEC.md, "Raw requests"): piped, the body exactly as
 * received; on a terminal, JSON with the JSON escaping and anything else terminal-safe;
 * `-i` headers always safe.
 */

import assert from "node:assert/strict";
import { runCapture } from "../support/cli.ts";
import { FakeFetch } from "../support/fake_fetch.ts";

const ENV = { RESTREAM_TOKEN: "tok-123" };
const JSON_BODY = '{"name": "a\u009b2J\u202eb\u2028c",  "n": 12345678901234567890}';
const TEXT_BODY = "oops \x1b]52;c;eA==\x07\x1b[2J done\n";

function fake(): FakeFetch {
  return new FakeFetch()
    .on("GET", "/v2/json", {
      body: JSON_BODY,
      headers: { "content-type": "application/json", "x-evil": "v\u009b2J\x1b]52;c;eA==\x07x" },
    }, { repeat: true })
    .on("GET", "/v2/text", { body: TEXT_BODY, headers: { "content-type": "text/plain" } }, {
      repeat: true,
    });
}

Deno.test("api piped prints hostile bodies byte for byte", async () => {
  const f = fake();
  const json = await runCapture(["api", "json"], { fetch: f.fetch, env: ENV });
  assert.equal(json.stdout, JSON_BODY);
  const text = await runCapture(["api", "text"], { fetch: f.fetch, env: ENV });
  assert.equal(text.stdout, TEXT_BODY);
});

Deno.test("api on a terminal: JSON escaped (same data, same text otherwise), other bodies made safe", async () => {
  const f = fake();
  const json = await runCapture(["api", "json", "-i"], { fetch: f.fetch, env: ENV, terminal: 80 });
  assert.equal(
    json.stdout,
    '{"name": "a\\u009b2J\\u202eb\\u2028c",  "n": 12345678901234567890}\n',
  );
  assert.deepEqual(JSON.parse(json.stdout), JSON.parse(JSON_BODY));
  // -i headers: the value is shown, its controls are not.
  assert.match(json.stderr, /^x-evil: vx$/m);
  // deno-lint-ignore no-control-regex
  assert.ok(!/[\x00-\x09\x0b-\x1f\x80-\x9f]/.test(json.stderr), json.stderr);

  const text = await runCapture(["api", "text"], { fetch: f.fetch, env: ENV, terminal: 80 });
  assert.equal(text.stdout, "oops  done\n");
});
