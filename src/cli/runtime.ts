/**
 * The heavy half of the CLI context: the API client, the session and the token store, and
 * with them valibot and every response schema. {@link CliContext} imports this module only
 * when a command that talks to the API is about to run (run.ts: not for an `offline` command,
 * and only runtime_client.ts for a `publicOnly` one), so `--help`, `-V`, `version` and usage
 * errors start without it (DESIGN.md, start-up).
 *
 * @module
 */

export { assertWebSocketUrlBelongs } from "../auth/origin.ts";
export { Session } from "../auth/session.ts";
export { TokenStore } from "../auth/token_store.ts";
export { RestreamClient } from "./runtime_client.ts";
