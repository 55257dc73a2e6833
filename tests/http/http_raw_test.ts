import assert from "node:assert/strict";
import { RestreamError } from "../../src/errors.ts";
import { HttpClient } from "../../src/http/http.ts";
import { FakeFetch } from "../support/fake_fetch.ts";

Deno.test("parse: false hands back a non-JSON body as text instead of failing", async () => {
  const fake = new FakeFetch().on("GET", "/v2/raw", { body: "plain <b>text</b>", status: 200 });
  const http = new HttpClient({ baseUrl: "http://api.test", fetch: fake.fetch });
  const response = await http.request({ path: "/v2/raw", parse: false });
  assert.equal(response.text, "plain <b>text</b>");
  assert.equal(response.body, null);
  assert.equal(response.status, 200);
});

Deno.test("without parse: false a non-JSON 2xx body is still an invalid_response error", async () => {
  const fake = new FakeFetch().on("GET", "/v2/raw", { body: "plain" });
  const http = new HttpClient({ baseUrl: "http://api.test", fetch: fake.fetch });
  await assert.rejects(
    http.request({ path: "/v2/raw" }),
    (e: unknown) => e instanceof RestreamError && e.kind === "invalid_response",
  );
});

Deno.test("parse: false still maps error statuses", async () => {
  const fake = new FakeFetch().on("GET", "/v2/raw", {
    status: 404,
    body: { error: { message: "StorageFileNotFound" } },
  });
  const http = new HttpClient({ baseUrl: "http://api.test", fetch: fake.fetch });
  await assert.rejects(
    http.request({ path: "/v2/raw", parse: false }),
    (e: unknown) => e instanceof RestreamError && e.kind === "not_found",
  );
});

Deno.test("the response carries the status text as sent", async () => {
  const fake = new FakeFetch().on(
    "GET",
    "/v2/x",
    () => new Response("{}", { status: 200, statusText: "Fine" }),
  );
  const http = new HttpClient({ baseUrl: "http://api.test", fetch: fake.fetch });
  assert.equal((await http.request({ path: "/v2/x" })).statusText, "Fine");
});
