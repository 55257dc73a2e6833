import assert from "node:assert/strict";
import { describeErrorBody } from "../../src/http/error_body.ts";
import { HttpClient } from "../../src/http/http.ts";
import { RestreamError } from "../../src/errors.ts";
import { FakeFetch } from "../support/fake_fetch.ts";

Deno.test("error body shapes become readable messages and codes", () => {
  const cases: Array<[string, { message?: string; code?: string }]> = [
    [
      '{"error":{"statusCode":401,"status":401,"code":401,"message":"Invalid token: access token is invalid","name":"invalid_token"}}',
      { message: "Invalid token: access token is invalid", code: "invalid_token" },
    ],
    ['{"message":"Channel not found"}', { message: "Channel not found", code: undefined }],
    [
      '{"error":"invalid_grant","error_description":"refresh token expired"}',
      { message: "refresh token expired", code: "invalid_grant" },
    ],
    ['{"error":"boom"}', { message: "boom", code: "boom" }],
    [
      "<html><head><title>502 Bad Gateway</title></head><body><h1>502</h1></body></html>",
      { message: "502 Bad Gateway" },
    ],
    ["", {}],
    ['[{"message":"a"},{"message":"b"}]', { message: "a; b" }],
    ["plain text\nfailure", { message: "plain text failure" }],
  ];
  for (const [body, expected] of cases) {
    const detail = describeErrorBody(body);
    assert.equal(detail.message, expected.message, body);
    if ("code" in expected) assert.equal(detail.code, expected.code, body);
  }
});

Deno.test("no shape ever yields [object Object]", () => {
  for (const body of ['{"error":{"message":{"nested":1}}}', '{"message":{"a":1}}', "[{}]", "{}"]) {
    const message = describeErrorBody(body).message ?? "";
    assert.ok(!message.includes("[object Object]"), body);
  }
});

Deno.test("the pipeline's error names status, method and path, with the body's message", async () => {
  const fake = new FakeFetch()
    .on("GET", "/v2/user/profile", { status: 502, body: "<html><title>Bad Gateway</title></html>" })
    .on("GET", "/v2/empty", { status: 500 });
  const http = new HttpClient({
    baseUrl: "https://api.example.test",
    fetch: fake.fetch,
    maxRetries: 0,
  });
  for (
    const [path, expected] of [
      ["/v2/user/profile", "Bad Gateway (HTTP 502 from GET /v2/user/profile)"],
      ["/v2/empty", "server error (HTTP 500 from GET /v2/empty)"],
    ]
  ) {
    try {
      await http.request({ path });
      assert.fail("expected an error");
    } catch (error) {
      assert.ok(error instanceof RestreamError);
      assert.equal(error.message, expected);
    }
  }
});
