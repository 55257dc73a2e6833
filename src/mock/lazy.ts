/**
 * The library's door to the mock server: loads the server's modules only when a user
 * starts one, so importing `mod.ts` stays cheap (SPEC.md, "Library").
 *
 * @module
 */

import type { MockServer, MockServerOptions } from "./types.ts";

/**
 * Starts a local mock Restream server (REST, OAuth, both WebSockets, fault injection) for
 * offline development and tests. Resolves once it listens; `close()` stops it.
 *
 * @example
 * ```ts
 * import { RestreamClient, startMockServer } from "jsr:@restream/cli";
 *
 * const mock = await startMockServer();
 * const client = new RestreamClient({ apiUrl: mock.apiUrl });
 * console.log((await client.listPlatforms()).length);
 * await mock.close();
 * ```
 */
export async function startMockServer(options?: MockServerOptions): Promise<MockServer> {
  const server = await import("./server.ts");
  return await server.startMockServer(options);
}
