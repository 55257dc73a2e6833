/**
 * A child process for the "kill mid-write" test: writes new tokens into the store at
 * Deno.args[0] with a rename that stalls after announcing "ready" (the temp file is written
 * and flushed, the rename has not happened). The test kills it there.
 */

import { TokenStore } from "../../src/auth/token_store.ts";

const store = new TokenStore({
  dir: Deno.args[0],
  rename: async () => {
    await Deno.stdout.write(new TextEncoder().encode("ready\n"));
    await new Promise(() => {}); // stalls until killed
  },
});
await store.set("https://api.restream.io", { accessToken: "new-token", scopes: [] });
