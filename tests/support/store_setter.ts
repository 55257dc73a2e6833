/**
 * A child process for the concurrent-writers test: prints "ready", waits for a line on stdin
 * (so every writer starts at once), then sets the record of the origin Deno.args[1] in the
 * store at Deno.args[0] Deno.args[2] times, each time with the next counter value.
 */

import { TokenStore } from "../../src/auth/token_store.ts";

const [dir, origin, times] = Deno.args;
const store = new TokenStore({ dir, lock: { pollMs: 1 } });
await Deno.stdout.write(new TextEncoder().encode("ready\n"));
await Deno.stdin.readable.getReader().read();
for (let i = 0; i < Number(times); i++) {
  await store.set(origin, { accessToken: `${origin} #${i}`, scopes: [] });
}
