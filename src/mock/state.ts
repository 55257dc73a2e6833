/**
 * The state one mock server shares between its parts: data, tokens, faults, one-time
 * download files, counters and the request log.
 *
 * @module
 */

import type { Faults } from "./faults.ts";
import { randomSecret } from "./ids.ts";
import type { MockData } from "./seed.ts";
import type { TokenStore } from "./tokens.ts";
import type { MockCounters, MockRequestLogEntry } from "./types.ts";

/** A file served once from `/__files/<id>`, without auth (like a pre-signed URL). */
export interface DownloadFile {
  contentType: string;
  body: string;
}

/** One-time download URLs. */
export class Downloads {
  readonly #files = new Map<string, DownloadFile>();
  readonly #origin: () => string;

  /** `origin` gives the server's URL once it is listening. */
  constructor(origin: () => string) {
    this.#origin = origin;
  }

  /** Registers a file and returns its one-time URL. */
  add(file: DownloadFile): string {
    const id = randomSecret(16);
    this.#files.set(id, file);
    return `${this.#origin()}/__files/${id}`;
  }

  /** Takes a file (it is gone afterwards). */
  take(id: string): DownloadFile | undefined {
    const file = this.#files.get(id);
    this.#files.delete(id);
    return file;
  }

  /** Forgets every file. */
  clear(): void {
    this.#files.clear();
  }
}

/** Everything the routes of one server read and change. */
export interface MockState {
  data: MockData;
  /** The Unix second the seed data was made for; a reset re-seeds from it, not from now. */
  seedEpoch: number;
  tokens: TokenStore;
  faults: Faults;
  downloads: Downloads;
  /** The server's origin, e.g. `http://127.0.0.1:PORT`. */
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  readyToken: string;
  tokenLifetimeSeconds: number;
  autoApprove: boolean;
  counters: MockCounters;
  log: MockRequestLogEntry[];
  /** The clock, Unix ms. */
  now(): number;
}

/** Counters at zero. */
export function zeroCounters(): MockCounters {
  return {
    requests: {},
    refreshes: 0,
    tokenGrants: 0,
    revocations: 0,
    connections: { chat: 0, streaming: 0 },
  };
}
