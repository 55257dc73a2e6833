/**
 * What a command needs from the outside world, in one object: streams, environment, fetch,
 * the global options, and the shared client. Tests build it with fakes.
 *
 * The client, session and token store come from runtime.ts, which is loaded by {@link
 * CliContext.load} just before a command that needs them runs (run.ts), never at
 * start-up: `--help` and usage errors stay fast, and the accessors stay synchronous.
 *
 * @module
 */

import type { Session } from "../auth/session.ts";
import type { TokenStorage } from "../auth/token_store.ts";
import type { PresetStore } from "../preset/store.ts";
import type { RestreamClient } from "../client.ts";
import {
  type Config,
  DEFAULT_CHAT_WS_URL,
  DEFAULT_STREAMING_WS_URL,
  type EnvLookup,
  loadConfig,
  noColorRequested,
} from "../config.ts";
import { RestreamError } from "../errors.ts";
import type { FetchLike, RetryNotice, TokenProvider } from "../http/http.ts";
import { maskSecrets, registerSecret } from "../http/mask.ts";
import type { MonitorTuning } from "../ws/monitor.ts";
import type { MockBackend } from "./mock_backend.ts";
import { MOCK_NOTICE, mockRequested } from "./mock_mode.ts";
import type * as Outputs from "./output.ts";
import type { Output, Writer } from "./output.ts";
import type * as Runtime from "./runtime.ts";
import type * as RuntimeClient from "./runtime_client.ts";
import type { ReplayTiming } from "./streaming_lines.ts";
import { safeWriter, singleLine } from "./terminal_safe.ts";

/** Retry waits this long or longer are announced on stderr (SPEC.md, "Requests"). */
const LONG_WAIT_MS = 2_000;

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
  /**
   * stderr is a terminal (a notice after Ctrl+C starts on a fresh line; progress of
   * `download -o -`, whose stdout is a pipe).
   */
  stderrIsTerminal?: boolean;
  /** Terminal width, when known (0, as some terminals report, counts as unknown). */
  columns?: number;
  /** Environment lookup. */
  env: EnvLookup;
  /** The fetch to send requests with. */
  fetch?: FetchLike;
  /** Standard input, for pasted URLs and `-` secrets. */
  stdin?: ReadableStream<Uint8Array>;
  /** Aborts on Ctrl+C / SIGTERM. */
  signal?: AbortSignal;
  /** Opens a URL in a browser; false when it could not. Absent: no browser is opened. */
  openBrowser?: (url: string) => Promise<boolean>;
  /** Asks for a secret on the terminal without echoing it. Absent: no prompts. */
  promptSecret?: (prompt: string) => Promise<string>;
  /** Monitor timing (backoff, watchdog, clock); tests shrink it, the real CLI leaves it out. */
  monitorTuning?: MonitorTuning;
  /** How `monitor streaming` tells the replay burst from live updates; tests shrink it. */
  replayTiming?: ReplayTiming;
  /** Where presets are kept; `presets.json` of the config directory when absent. */
  presetStore?: PresetStore;
}

/** The global options (SPEC.md, "Commands"), gathered while parsing. */
export interface GlobalOptions {
  /** `--json`. */
  json: boolean;
  /** `-v/--verbose`. */
  verbose: boolean;
  /** False after `--no-color`. */
  color: boolean;
  /** `--mock`: run against a built-in mock API (`RESTREAM_MOCK` too: see {@link CliContext.usesMock}). */
  mock: boolean;
}

/** The per-run context handed to every command. */
export class CliContext {
  /**
   * Process-facing streams and environment. Its stdout and stderr are terminal-safe
   * (terminal_safe.ts: only the CLI's own escape codes pass) and stderr masks every secret
   * the process holds, so no output can forget either (SPEC.md, "Hostile input").
   */
  readonly io: CliIO;
  /**
   * stdout exactly as given: only for bytes that must stay as received (`api`'s body when
   * stdout is not a terminal).
   */
  readonly rawStdout: Writer;
  /** Global options; filled in by the parser as it meets them. */
  readonly globals: GlobalOptions = { json: false, verbose: false, color: true, mock: false };
  /**
   * Set by commands that end cleanly on Ctrl+C and SIGTERM (the monitors, the mock server:
   * exit 0). Any other command is interrupted: exit 130, or 143 for SIGTERM.
   */
  stopsGracefully = false;
  #config?: Config;
  #output?: Output;
  #session?: Session;
  #presets?: Promise<PresetStore>;
  #runtime?: typeof Runtime;
  #clients?: typeof RuntimeClient;
  #outputs?: typeof Outputs;
  #mock?: MockBackend;

  /** Creates the context of one run. */
  constructor(io: CliIO) {
    this.rawStdout = io.stdout;
    // Property descriptors, not a spread: a spread would call the `stdin` getter, and creating
    // that stream loads Deno's streams code (~2 ms) for commands that never read stdin.
    this.io = Object.defineProperties({}, {
      ...Object.getOwnPropertyDescriptors(io),
      stdout: { value: safeWriter(io.stdout), enumerable: true },
      stderr: { value: safeWriter(io.stderr, maskSecrets), enumerable: true },
    }) as CliIO;
  }

  /**
   * Loads the client, session and token store modules; the synchronous accessors below need
   * it done. Under `--mock` it also starts the mock (once) and says so on stderr. Idempotent.
   */
  async load(): Promise<void> {
    await this.prepare();
    this.#runtime ??= await import("./runtime.ts");
    this.#clients ??= this.#runtime;
    await this.#startMock();
  }

  /**
   * Loads the API client only (for the public endpoints; {@link publicClient} needs it), and
   * under `--mock` starts the mock like {@link load}.
   */
  async loadClient(): Promise<void> {
    await this.prepare();
    this.#clients ??= await import("./runtime_client.ts");
    await this.#startMock();
  }

  /**
   * Loads the output module (tables, blocks, JSON), which {@link output} needs: run.ts awaits
   * it before any command runs, so help and usage errors never load it. Idempotent.
   */
  async prepare(): Promise<void> {
    this.#outputs ??= await import("./output.ts");
  }

  async #startMock(): Promise<void> {
    if (this.#mock === undefined && this.usesMock) {
      const { startMockBackend } = await import("./mock_backend.ts");
      this.#mock = await startMockBackend(noColorRequested(this.io.env));
      this.output.notice(MOCK_NOTICE);
    }
  }

  /**
   * Whether this run uses the built-in mock: `--mock`, or `RESTREAM_MOCK` on. A bad
   * `RESTREAM_MOCK` value is a usage error.
   */
  get usesMock(): boolean {
    return mockRequested(this.globals.mock, this.io.env);
  }

  /** Ends what the run started: the mock server, when `--mock` started one. */
  async close(): Promise<void> {
    await this.#mock?.close();
  }

  get #loaded(): typeof Runtime {
    if (this.#runtime === undefined) {
      throw new Error("CliContext.load() must finish before the client is used");
    }
    return this.#runtime;
  }

  /**
   * The configuration from the environment, read once; under `--mock`, the mock's (the
   * environment's `RESTREAM_*` values are not even read then).
   */
  get config(): Config {
    if (this.#mock !== undefined) return this.#mock.config;
    if (this.#config === undefined) {
      this.#config = loadConfig(this.io.env);
      // Masked by value on stderr from now on, even where no syntax gives them away.
      registerSecret(this.#config.token);
      registerSecret(this.#config.clientSecret);
    }
    return this.#config;
  }

  /** The output of this run, configured from the global options. */
  get output(): Output {
    if (this.#outputs === undefined) {
      throw new Error("CliContext.prepare() must finish before the output is used");
    }
    this.#output ??= new this.#outputs.Output({
      json: this.globals.json,
      isTerminal: this.io.stdoutIsTerminal,
      color: this.globals.color && !noColorRequested(this.io.env),
      columns: this.io.columns !== undefined && this.io.columns > 0 ? this.io.columns : undefined,
      stdout: this.io.stdout,
      stderr: this.io.stderr,
    });
    return this.#output;
  }

  /**
   * Shows a warning the library reported (e.g. a listing stopped because the API repeated a
   * page) as one stderr line; a function value, so it can be passed as `onWarning`.
   */
  readonly warn = (message: string): void => this.output.notice(`warning: ${message}`);

  /** Writes a verbose line to stderr when `-v` is on (one line; stderr masks secrets). */
  verbose(line: string): void {
    if (this.globals.verbose) this.io.stderr.write(`${singleLine(line)}\n`);
  }

  /**
   * The pipeline's log for `-v`, else none: each log line masks its URL (a regular expression
   * over every secret held), which no run without `-v` should pay for on every request.
   */
  #requestLog(): ((line: string) => void) | undefined {
    return this.globals.verbose ? (line) => this.verbose(line) : undefined;
  }

  /** A client for the public endpoints: no token needed, no config directory touched. */
  publicClient(): RestreamClient {
    return this.#client();
  }

  /**
   * The token store of the config directory, or undefined when there is no config directory.
   * Its notices (migration, a mode tightened) go to stderr. Under `--mock`, the one store in
   * memory that holds the mock's tokens for this process.
   */
  tokenStore(): TokenStorage | undefined {
    if (this.#mock !== undefined) return this.#mock.tokens;
    const dir = this.config.configDir;
    if (dir === undefined) return undefined;
    return new this.#loaded.TokenStore({
      dir,
      onNotice: (message) => this.output.notice(`note: ${message}`),
    });
  }

  /**
   * The session of this run: `RESTREAM_TOKEN` first, else the tokens stored for
   * `RESTREAM_API_URL`'s origin (refreshed as needed). With `ignoreEnv`, stored tokens only
   * (a new session, for `auth refresh`). A missing login surfaces on first use (exit 3).
   */
  session(options: { ignoreEnv?: boolean } = {}): Session {
    const create = (envToken: string | undefined): Session =>
      new this.#loaded.Session({
        apiUrl: this.config.apiUrl,
        envToken,
        store: this.tokenStore(),
        clientId: this.config.clientId,
        clientSecret: this.config.clientSecret,
        fetch: this.io.fetch,
        log: this.#requestLog(),
        signal: this.io.signal,
      });
    if (options.ignoreEnv) return create(undefined);
    this.#session ??= create(this.config.token);
    return this.#session;
  }

  /** True when this run's session sends `RESTREAM_TOKEN` (for naming it when it is refused). */
  usesEnvToken(): boolean {
    return this.#session?.source === "env";
  }

  /**
   * Where this run keeps presets: the injected store; under `--mock`, memory for this one
   * process (nothing touches the disk); else `presets.json` beside the token file (same
   * directory, same lock). No config directory is an `auth` error (exit 3), as for `login`.
   * The preset modules load here, so only the commands that use presets read them.
   */
  presetStore(): Promise<PresetStore> {
    // The promise is kept, so two first calls at once still share one store.
    return this.#presets ??= this.#openPresetStore();
  }

  async #openPresetStore(): Promise<PresetStore> {
    if (this.io.presetStore !== undefined) return this.io.presetStore;
    const { FilePresetStore, MemoryPresetStore } = await import("./runtime_presets.ts");
    if (this.#mock !== undefined) return new MemoryPresetStore();
    const tokens = this.tokenStore();
    if (!(tokens instanceof this.#loaded.TokenStore)) {
      throw new RestreamError(
        "auth",
        "no config directory to keep presets in: set RESTREAM_CONFIG_DIR (or HOME)",
      );
    }
    return new FilePresetStore({
      tokens,
      onNotice: (message) => this.output.notice(`note: ${message}`),
    });
  }

  /**
   * The WebSocket URL this run would open (`RESTREAM_CHAT_WS_URL` or
   * `RESTREAM_STREAMING_WS_URL`, or the default), checked before anything is sent, even a
   * refresh: the token of this run must be allowed to go there (SPEC.md, "Tokens stay with
   * their origin"), else a usage error (exit 2) names the variable. Every command that opens
   * a WebSocket (`monitor`, `status --health`) takes its URL from here.
   */
  webSocketUrl(kind: "chat" | "streaming"): string {
    const chat = kind === "chat";
    const wsUrl = chat ? this.config.chatWsUrl : this.config.streamingWsUrl;
    this.#loaded.assertWebSocketUrlBelongs({
      apiUrl: this.config.apiUrl,
      wsUrl,
      source: this.session().source,
      variable: chat ? "RESTREAM_CHAT_WS_URL" : "RESTREAM_STREAMING_WS_URL",
      defaultUrl: chat ? DEFAULT_CHAT_WS_URL : DEFAULT_STREAMING_WS_URL,
    });
    return wsUrl;
  }

  /** The token source of authenticated commands (REST and monitors): {@link session}. */
  tokens(): TokenProvider {
    return this.session();
  }

  /** A client that authenticates with {@link CliContext.tokens}. */
  authenticatedClient(): RestreamClient {
    return this.#client(this.tokens());
  }

  #client(tokens?: TokenProvider): RestreamClient {
    if (this.#clients === undefined) {
      throw new Error("CliContext.load() must finish before the client is used");
    }
    return new this.#clients.RestreamClient({
      apiUrl: this.config.apiUrl,
      tokens,
      fetch: this.io.fetch,
      log: this.#requestLog(),
      onRetry: (notice) => this.#announceRetry(notice),
    });
  }

  /**
   * A wait the user would notice (2 s or more, e.g. a `Retry-After`) is announced even
   * without `-v` and under `--json` (stderr only), so a slow command does not look hung.
   */
  #announceRetry(notice: RetryNotice): void {
    if (notice.delayMs < LONG_WAIT_MS || this.globals.verbose) return;
    const seconds = Math.round(notice.delayMs / 1000);
    this.output.notice(
      `${notice.method} ${notice.path}: ${notice.reason}; waiting ${seconds} s before ` +
        `attempt ${notice.attempt} of ${notice.maxAttempts}`,
    );
  }
}
