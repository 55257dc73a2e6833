/**
 * The heavy half of `--mock`: starts the mock server in this process on 127.0.0.1 (port 0)
 * and gives the run a configuration that points every URL at it, with its client
 * credentials, and a token store in memory that holds its ready token. Nothing here reads
 * the environment's `RESTREAM_*` values or the disk, so real tokens and secrets never reach
 * the mock and the real account's files are never touched. Imported by CliContext only when
 * a run asks for the mock, so other runs never load the server.
 *
 * @module
 */

import { MemoryTokenStore } from "../auth/memory_token_store.ts";
import type { Config } from "../config.ts";
import { startMockServer } from "../mock/server.ts";
import { ALL_SCOPES } from "../mock/tokens.ts";
import { MOCK_TRAFFIC } from "./mock_mode.ts";

/** A running in-process mock and what the run uses of it. */
export interface MockBackend {
  /** The run's configuration: the mock's URLs and client credentials, no config directory. */
  config: Config;
  /** Tokens for this process only, starting with the mock's ready token. */
  tokens: MemoryTokenStore;
  /** Stops the server and closes its sockets. */
  close(): Promise<void>;
}

/** Starts a fresh mock; `noColor` is the one setting still taken from the environment. */
export async function startMockBackend(noColor: boolean): Promise<MockBackend> {
  const server = await startMockServer({ port: 0, hostname: "127.0.0.1", ...MOCK_TRAFFIC });
  try {
    const tokens = new MemoryTokenStore();
    await tokens.set(server.apiUrl, {
      accessToken: server.token,
      scopes: [...ALL_SCOPES],
      tokenType: "Bearer",
      clientId: server.clientId,
    });
    return {
      config: {
        apiUrl: server.apiUrl,
        streamingWsUrl: server.streamingWsUrl,
        chatWsUrl: server.chatWsUrl,
        clientId: server.clientId,
        clientSecret: server.clientSecret,
        noColor,
      },
      tokens,
      close: () => server.close(),
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}
