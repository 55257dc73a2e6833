/**
 * `login`: the interactive part. Loaded only when `login` runs (it pulls in the callback
 * listener), by a dynamic import in src/cli/auth.ts.
 *
 * @module
 */

import { toStored } from "../auth/session.ts";
import { apiOrigin } from "../auth/token_store.ts";
import { RestreamClient } from "../client.ts";
import { RestreamError } from "../errors.ts";
import { assertEncryptedTransport } from "../http/transport.ts";
import type { CliContext } from "./context.ts";
import { describeAccount, fetchAccount } from "./account_summary.ts";

/** The parsed flags of `login`. */
export interface LoginFlags {
  /** `--port`: the redirect URI's port (0: any free port, for tests). */
  port: number;
  /** False after `--no-browser`. */
  browser: boolean;
  /** `--timeout` in seconds. */
  timeout: number;
  /** `--client-id`. */
  clientId?: string;
}

/** Runs `login`: credentials, the browser flow, storing the tokens, then who logged in. */
export async function runLogin(ctx: CliContext, flags: LoginFlags): Promise<void> {
  const { config, io, output } = ctx;
  // The code, the client secret and the new tokens must not cross a network in cleartext:
  // refused now, not after the user went through the browser.
  assertEncryptedTransport(config.apiUrl, "RESTREAM_API_URL");
  const clientId = flags.clientId ?? config.clientId;
  if (clientId === undefined) {
    throw new RestreamError(
      "auth",
      "missing client id: set RESTREAM_CLIENT_ID or pass --client-id (your app's credentials " +
        "are in Restream's developer portal)",
    );
  }
  const clientSecret = config.clientSecret ?? await askSecret(ctx);
  const store = ctx.tokenStore();
  if (store === undefined) {
    throw new RestreamError(
      "auth",
      "no config directory to store tokens in: set RESTREAM_CONFIG_DIR (or HOME)",
    );
  }
  // A corrupt token file fails now, not after the user went through the browser.
  await store.get(config.apiUrl);

  const { login } = await import("../auth/login.ts");
  const pasting = io.stdin !== undefined;
  // Once per kind: a hostile page could otherwise flood the terminal.
  const ignored = new Set<string>();
  const result = await login({
    apiUrl: config.apiUrl,
    clientId,
    clientSecret,
    port: flags.port,
    timeoutMs: flags.timeout * 1000,
    signal: io.signal,
    fetch: io.fetch,
    log: (line) => ctx.verbose(line),
    callbacks: {
      onAuthorizeUrl: (url, redirectUri) => {
        for (const line of ["Open this URL in a browser to log in:", "", `  ${url}`, ""]) {
          output.notice(line);
        }
        if (pasting && io.stdinIsTerminal) {
          output.notice(
            "If the browser runs on another machine, paste the address it ends on here.",
          );
        }
        output.notice(`Waiting for ${redirectUri} (timeout ${flags.timeout} s)…`);
      },
      openBrowser: flags.browser && io.openBrowser ? (url) => io.openBrowser!(url.href) : undefined,
      onBrowserFailed: () => output.notice("Could not open a browser: open the URL above."),
      pastedLines: pasting ? (signal) => stdinLines(io.stdin!, signal) : undefined,
      onPasteIgnored: (reason) => output.notice(`Ignored the pasted line: ${reason}.`),
      onCallbackIgnored: (reason) => {
        if (ignored.has(reason)) return;
        ignored.add(reason);
        output.notice(`Ignored ${reason}; still waiting.`);
      },
    },
  }).catch((error) => {
    if (error instanceof RestreamError && error.code === "port_in_use") {
      throw new RestreamError(
        "auth",
        `${error.message}: pass --port with a free port (http://localhost:<port>/callback must ` +
          "be a redirect URI registered for your app)",
        { code: error.code },
      );
    }
    throw error;
  });

  const stored = toStored(result.tokens, clientId, Date.now());
  const client = new RestreamClient({
    apiUrl: config.apiUrl,
    token: stored.accessToken,
    fetch: io.fetch,
    log: (line) => ctx.verbose(line),
  });
  const account = await fetchAccount(client, io.signal);
  // Presets are kept per account: remember whose tokens these are, so preset commands need
  // not ask the API.
  if (account.profile !== undefined) stored.profileId = account.profile.id;
  await store.set(config.apiUrl, stored);
  if (output.json) {
    output.printJson({
      loggedIn: true,
      origin: apiOrigin(config.apiUrl),
      ...account.profile,
      scopes: stored.scopes,
      expiresAt: stored.expiresAt ?? null,
    });
  } else {
    output.notice(`Logged in as ${describeAccount(account)} to ${config.apiUrl}.`);
  }
  if (config.token !== undefined) {
    output.notice("note: RESTREAM_TOKEN is set and is used ahead of these stored tokens.");
  }
}

async function askSecret(ctx: CliContext): Promise<string> {
  const { io } = ctx;
  if (io.stdinIsTerminal && io.promptSecret) {
    const secret = await io.promptSecret("Client secret (input hidden): ");
    if (secret !== "") return secret;
  }
  throw new RestreamError(
    "auth",
    "missing client secret: set RESTREAM_CLIENT_SECRET (it is never taken from a flag)",
  );
}

/** Lines of stdin until EOF or until `signal` aborts (which cancels the pending read). */
async function* stdinLines(
  stdin: ReadableStream<Uint8Array>,
  signal: AbortSignal,
): AsyncGenerator<string> {
  const reader = stdin.pipeThrough(new TextDecoderStream()).getReader();
  const cancel = (): void => void reader.cancel().catch(() => {});
  signal.addEventListener("abort", cancel, { once: true });
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      for (let i = buffer.indexOf("\n"); i >= 0; i = buffer.indexOf("\n")) {
        yield buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
      }
    }
    if (buffer.trim() !== "" && !signal.aborted) yield buffer;
  } finally {
    signal.removeEventListener("abort", cancel);
    await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
