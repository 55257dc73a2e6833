/**
 * What a command needs from the outside world, in one object: streams, environment, fetch,
 * the global options, and the shared client. Tests build it with fakes.
 *
 * @module
 */

import { fixedToken, RestreamClient } from "../client.ts";
import { type Config, type EnvLookup, loadConfig } from "../config.ts";
import { RestreamError } from "../errors.ts";
import type { FetchLike, TokenProvider } from "../http/http.ts";
import { maskSecrets } from "../http/mask.ts";
import type { MonitorTuning } from "../ws/monitor.ts";
import { Output, type Writer } from "./output.ts";

/** The process-facing parts of a run; {@link realIO} in cli.ts, fakes in tests. */
export interface CliIO {
  /** Data. */
  stdout: Writer;
  /** Notices and errors. */
  stderr: Writer;
  /** stdout is a terminal. */
  stdoutIsTerminal: boolean;
  /** stdin is a terminal (prompts and confirmations are allowed). */
  stdinIsTerminal: boolean;
  /** Terminal width, when known. */
  columns?: number;
  /** Environment lookup. */
  env: EnvLookup;
  /** The fetch to send requests with. */
  fetch?: FetchLike;
  /** Standard input, for pasted URLs and `-` secrets. */
  stdin?: ReadableStream<Uint8Array>;
  /** Aborts on Ctrl+C / SIGTERM. */
  signal?: AbortSignal;
  /** Monitor timing (backoff, watchdog, clock); tests shrink it, the real CLI leaves it out. */
  monitorTuning?: MonitorTuning;
}

/** The global options (SPEC.md, "Commands"), gathered while parsing. */
export interface GlobalOptions {
  /** `--json`. */
  json: boolean;
  /** `-v/--verbose`. */
  verbose: boolean;
  /** False after `--no-color`. */
  color: boolean;
}

/** The per-run context handed to every command. */
export class CliContext {
  /** Process-facing streams and environment. */
  readonly io: CliIO;
  /** Global options; filled in by the parser as it meets them. */
  readonly globals: GlobalOptions = { json: false, verbose: false, color: true };
  #config?: Config;
  #output?: Output;

  /** Creates the context of one run. */
  constructor(io: CliIO) {
    this.io = io;
  }

  /** The configuration from the environment, read once. */
  get config(): Config {
    this.#config ??= loadConfig(this.io.env);
    return this.#config;
  }

  /** The output of this run, configured from the global options. */
  get output(): Output {
    this.#output ??= new Output({
      json: this.globals.json,
      isTerminal: this.io.stdoutIsTerminal,
      color: this.globals.color && !this.config.noColor,
      columns: this.io.columns,
      stdout: this.io.stdout,
      stderr: this.io.stderr,
    });
    return this.#output;
  }

  /** Writes a verbose line to stderr when `-v` is on; secrets are masked again here. */
  verbose(line: string): void {
    if (this.globals.verbose) this.io.stderr.write(`${maskSecrets(line)}\n`);
  }

  /** A client for the public endpoints: no token needed, no config directory touched. */
  publicClient(): RestreamClient {
    return this.#client();
  }

  /**
   * The token source of authenticated commands (REST and monitors): `RESTREAM_TOKEN`.
   * Throws an auth error when no token is available.
   */
  tokens(): TokenProvider {
    const token = this.config.token;
    if (token === undefined) {
      throw new RestreamError(
        "auth",
        "not logged in: run 'restream login' or set RESTREAM_TOKEN",
      );
    }
    return fixedToken(token);
  }

  /** A client that authenticates with {@link CliContext.tokens}. */
  authenticatedClient(): RestreamClient {
    return this.#client(this.tokens());
  }

  #client(tokens?: TokenProvider): RestreamClient {
    return new RestreamClient({
      apiUrl: this.config.apiUrl,
      tokens,
      fetch: this.io.fetch,
      log: (line) => this.verbose(line),
    });
  }
}
