import assert from "node:assert/strict";
import { call, withMock } from "../support/mock.ts";

Deno.test("mock setData replaces an existing field only, never a prototype", async () => {
  await withMock({}, async (mock) => {
    mock.control.setData("profile.username", "new\u202ename");
    assert.equal((await call(mock, "/v2/user/profile")).json.username, "new\u202ename");
    for (
      const path of [
        "profile.nope",
        "channels.99.displayName",
        "__proto__.x",
        "",
        "profile.username.x",
      ]
    ) {
      assert.throws(() => mock.control.setData(path, 1), /invalid data path/, path);
    }
    assert.equal(({} as Record<string, unknown>).x, undefined, "no prototype pollution");
    const refused = await fetch(`${mock.apiUrl}/__mock/data`, {
      method: "POST",
      body: JSON.stringify({ path: "constructor.prototype.x", value: 1 }),
    });
    assert.equal(refused.status, 400);
    await refused.body?.cancel();
  });
});
