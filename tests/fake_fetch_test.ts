import assert from "node:assert/strict";
import { FakeFetch } from "./support/fake_fetch.ts";

const get = (fake: FakeFetch, path: string): Promise<Response> =>
  fake.fetch(new Request(`https://api.test${path}`));

Deno.test("fake fetch: the query must match exactly; extra, missing or wrong parameters fail", async () => {
  const route = () => new FakeFetch().on("GET", "/x", { body: {} }, { query: { page: "1" } });
  assert.equal((await get(route(), "/x?page=1")).status, 200);
  for (const path of ["/x?page=1&extra=y", "/x", "/x?page=2", "/x?page=1&page=1"]) {
    await assert.rejects(get(route(), path), /unexpected request GET/, path);
  }
  // No query given: a request with one does not match.
  await assert.rejects(get(new FakeFetch().on("GET", "/x", {}), "/x?a=1"), /unexpected request/);
  // Repeated keys are listed in order.
  const repeated = new FakeFetch().on("GET", "/x", {}, { query: { a: ["1", "2"] } });
  assert.equal((await get(repeated, "/x?a=1&a=2")).status, 200);
});

Deno.test("fake fetch: querySubset lets other parameters through, the given ones still checked", async () => {
  const route = () =>
    new FakeFetch().on("GET", "/x", { body: {} }, { query: { page: "1" }, querySubset: true });
  assert.equal((await get(route(), "/x?page=1&extra=y")).status, 200);
  await assert.rejects(get(route(), "/x?page=2&extra=y"), /unexpected request/);
});
