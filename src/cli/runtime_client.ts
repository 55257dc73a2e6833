/**
 * The API client alone, with valibot and every response schema: what the public commands
 * (`platforms`, `servers`) need. {@link CliContext.loadClient} imports it; commands that log
 * in load runtime.ts, which adds the session and the token store.
 *
 * @module
 */

export { RestreamClient } from "../client.ts";
