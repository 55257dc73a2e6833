import assert from "node:assert/strict";
import {
  buildBody,
  readPage,
  resolveApiPath,
  typedValue,
  withParam,
} from "../../src/cli/api_params.ts";
import { UsageError } from "../../src/errors.ts";

Deno.test("resolveApiPath keeps /v2/ and /oauth/ paths and prefixes the rest", () => {
  const api = "http://127.0.0.1:9";
  assert.equal(resolveApiPath("user/profile", api), "/v2/user/profile");
  assert.equal(resolveApiPath("/v2", api), "/v2");
  assert.equal(resolveApiPath("/v2x/a", api), "/v2/v2x/a");
  assert.equal(resolveApiPath("/oauth/token", api), "/oauth/token");
  assert.equal(resolveApiPath("/oauthy", api), "/v2/oauthy");
  assert.equal(resolveApiPath("a?b=1#frag", api), "/v2/a?b=1");
  assert.equal(resolveApiPath("http://127.0.0.1:9/v2/x?y=1", api), "/v2/x?y=1");
  assert.throws(() => resolveApiPath("http://127.0.0.1:10/v2/x", api), UsageError);
  assert.throws(() => resolveApiPath("  ", api), UsageError);
});

Deno.test("typedValue types -F values and reads @file through the reader", async () => {
  const read = (name: string) => Promise.resolve(`<${name}>`);
  assert.equal(await typedValue("12", read), 12);
  assert.equal(await typedValue("1e3", read), 1000);
  assert.equal(await typedValue("007", read), 7);
  assert.equal(await typedValue("1.2.3", read), "1.2.3");
  assert.equal(await typedValue("True", read), "True");
  assert.equal(await typedValue("@", read), "@");
  assert.equal(await typedValue("@f.txt", read), "<f.txt>");
  assert.equal(await typedValue("", read), "");
});

Deno.test("buildBody nests and appends; conflicting names are usage errors", () => {
  assert.deepEqual(
    buildBody([
      { key: "a[b][c]", value: 1 },
      { key: "a[b][d]", value: 2 },
      { key: "l[]", value: "x" },
      { key: "l[]", value: "y" },
    ]),
    { a: { b: { c: 1, d: 2 } }, l: ["x", "y"] },
  );
  assert.throws(() => buildBody([{ key: "a", value: 1 }, { key: "a[]", value: 2 }]), UsageError);
  assert.throws(() => buildBody([{ key: "a]", value: 1 }]), UsageError);
});

Deno.test("readPage finds the list and the next page in all three styles", () => {
  assert.deepEqual(readPage([1, 2], "/v2/x"), { items: [1, 2] });
  assert.deepEqual(readPage({ id: 1 }, "/v2/x"), { items: [{ id: 1 }] });
  assert.deepEqual(
    readPage({ items: [1], pagination: { page: 2, pages_total: 2 } }, "/v2/h?page=2"),
    { items: [1] },
  );
  assert.deepEqual(
    readPage({ items: [1], pagination: { page: 1, pages_total: 2 } }, "/v2/h?limit=5"),
    { items: [1], next: "/v2/h?limit=5&page=2" },
  );
  assert.deepEqual(
    readPage({ projects: [1], pagination: { nextCursor: "a b", hasMore: true } }, "/v2/p"),
    { items: [1], next: "/v2/p?cursor=a+b" },
  );
  assert.deepEqual(
    readPage({ projects: [1], pagination: { nextCursor: "c", hasMore: false } }, "/v2/p"),
    { items: [1] },
  );
  assert.deepEqual(
    readPage(
      { messages: [1], nextPageToken: "t2", previousPageToken: null },
      "/v2/c?pageSize=1&timestamp=5",
    ),
    { items: [1], next: "/v2/c?pageSize=1&pageToken=t2" },
  );
  assert.deepEqual(readPage({ messages: [], nextPageToken: "t" }, "/v2/c"), { items: [] });
  assert.deepEqual(readPage({ messages: [1], nextPageToken: null }, "/v2/c"), { items: [1] });
  assert.equal(withParam("/v2/p?cursor=a&x=1", "cursor", "b"), "/v2/p?cursor=b&x=1");
});
