/**
 * The mock as a hostile API for the CLI's tests (redirects, endless bodies, forged pages),
 * and as a server that bounds its own work (request bodies over 1 MiB get 413).
 */

import assert from "node:assert/strict";
import { parseFaultFlag } from "../../src/mock/faults.ts";
import { MAX_REQUEST_BYTES } from "../../src/mock/server.ts";
import { call, withMock } from "../support/mock.ts";

const MIB = 1024 * 1024;

/** A request body streamed in 64 KiB chunks (no Content-Length), `bytes` long. */
function streamed(bytes: number): ReadableStream<Uint8Array> {
  let left = bytes;
  return new ReadableStream({
    pull(controller) {
      if (left <= 0) return controller.close();
      const size = Math.min(left, 65_536);
      left -= size;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
}

Deno.test("mock: a request body over 1 MiB is refused with 413 while it streams; 1 MiB is read", async () => {
  assert.equal(MAX_REQUEST_BYTES, MIB);
  await withMock({}, async (mock) => {
    const post = async (bytes: number): Promise<number> => {
      const response = await fetch(`${mock.apiUrl}/v2/user/events/new`, {
        method: "POST",
        headers: { authorization: `Bearer ${mock.token}`, "content-type": "application/json" },
        body: streamed(bytes),
      });
      await response.body?.cancel();
      return response.status;
    };
    assert.equal(await post(MIB + 1), 413);
    assert.notEqual(await post(MIB), 413);
    const log = mock.control.requestLog();
    assert.equal(log.filter((e) => e.status === 413).length, 0, "refused before routing");
  });
});

Deno.test("mock: a fault can redirect, send a forged JSON body, or a body that never ends", async () => {
  await withMock({}, async (mock) => {
    mock.control.failNext("PATCH /v2/user/channel/{id}", {
      status: 307,
      body: "empty",
      location: "http://127.0.0.1:9/steal",
    });
    const redirected = await fetch(`${mock.apiUrl}/v2/user/channel/1`, {
      method: "PATCH",
      redirect: "manual",
    });
    await redirected.body?.cancel();
    assert.equal(redirected.status, 307);
    assert.equal(redirected.headers.get("location"), "http://127.0.0.1:9/steal");

    const page = { items: [], pagination: { page: 1, pages_total: 9 } };
    mock.control.failNext("GET /v2/user/events/history", { status: 200, json: page });
    assert.deepEqual((await call(mock, "/v2/user/events/history")).json, page);

    mock.control.failNext("GET /v2/platform/all", { status: 200, body: "endless" });
    const endless = await fetch(`${mock.apiUrl}/v2/platform/all`);
    const reader = endless.body!.getReader();
    let read = 0;
    let first = "";
    while (read < 40 * MIB) {
      const { value } = await reader.read();
      if (first === "") first = new TextDecoder().decode(value!.slice(0, 9));
      read += value!.byteLength;
    }
    await reader.cancel();
    assert.equal(first, '[{"n":1},');
    // The server goes on answering after the client gave up.
    assert.equal((await call(mock, "/v2/platform/all")).status, 200);
  });
});

Deno.test("mock --fail takes location= with a full URL, and body=endless", () => {
  assert.deepEqual(
    parseFaultFlag("GET /v2/user/profile=308,location=https://evil.example/x?a=1&b=2"),
    {
      route: "GET /v2/user/profile",
      fault: { status: 308, count: 1, location: "https://evil.example/x?a=1&b=2" },
    },
  );
  assert.equal(parseFaultFlag("GET /v2/platform/all=200,body=endless").fault.body, "endless");
});
