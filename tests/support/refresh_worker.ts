/**
 * A child process for the lock-contention test: a Session over the store in Deno.args[0]
 * against the API at Deno.args[1]; prints "waiting" once it has found the lock taken (the
 * lock's third clock reading follows a failed attempt), then the access token it ends up with.
 */

import { Session } from "../../src/auth/session.ts";
import { TokenStore } from "../../src/auth/token_store.ts";

let readings = 0;
const session = new Session({
  apiUrl: Deno.args[1],
  store: new TokenStore({
    dir: Deno.args[0],
    lock: {
      pollMs: 10,
      now: () => {
        if (++readings === 3) console.log("waiting");
        return Date.now();
      },
    },
  }),
  clientId: "cid",
  clientSecret: "csecret",
});
console.log(await session.getAccessToken());
