/**
 * A child process for the lock-contention test: a Session over the store in Deno.args[0]
 * against the API at Deno.args[1]; prints the access token it ends up with.
 */

import { Session } from "../../src/auth/session.ts";
import { TokenStore } from "../../src/auth/token_store.ts";

const session = new Session({
  apiUrl: Deno.args[1],
  store: new TokenStore({ dir: Deno.args[0], lock: { pollMs: 10 } }),
  clientId: "cid",
  clientSecret: "csecret",
});
console.log(await session.getAccessToken());
