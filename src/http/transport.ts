/**
 * Where a credential may travel (SPEC.md, "Hostile input"): never in cleartext (`http://`,
 * `ws://`) to a host that is not loopback. The request pipeline and the monitors check it
 * before anything is sent, so a library user gets the same guarantee as the CLI.
 *
 * @module
 */

import { UsageError } from "../errors.ts";

/**
 * True for a loopback host: 127.0.0.0/8, ::1 or `localhost` (what a local mock or proxy
 * listens on), where cleartext never leaves the machine.
 *
 * @example
 * ```ts
 * import { isLoopbackHost } from "jsr:@restream/cli";
 * isLoopbackHost("127.0.0.1"); // true
 * isLoopbackHost("[::1]"); // true
 * isLoopbackHost("api.restream.io"); // false
 * ```
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
  if (host === "localhost" || host === "::1") return true;
  // The URL parser normalises every IPv4 spelling (0x7f.1, 2130706433) to dotted decimal.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** True when the URL's scheme does not encrypt (`http:`, `ws:`). */
function isCleartext(url: URL): boolean {
  return url.protocol === "http:" || url.protocol === "ws:";
}

/**
 * Throws a {@link UsageError} when a credential sent to `url` would cross the network
 * unencrypted: an `http://` or `ws://` URL whose host is not loopback. `what` names the
 * setting in the message (e.g. `RESTREAM_CHAT_WS_URL`); the URL is shown as its origin only.
 *
 * @example
 * ```ts
 * import { assertEncryptedTransport } from "jsr:@restream/cli";
 * assertEncryptedTransport("https://api.restream.io"); // fine
 * assertEncryptedTransport("ws://127.0.0.1:8080/ws/chat"); // fine: loopback
 * // assertEncryptedTransport("http://example.com"); // throws UsageError
 * ```
 */
export function assertEncryptedTransport(url: string | URL, what?: string): void {
  const parsed = new URL(url);
  if (!isCleartext(parsed) || isLoopbackHost(parsed.hostname)) return;
  const secure = parsed.protocol === "ws:" ? "wss://" : "https://";
  const named = what === undefined ? parsed.origin : `${what} (${parsed.origin})`;
  throw new UsageError(
    `refusing to send credentials to ${named} unencrypted: use ${secure} ` +
      `(${parsed.protocol}// is allowed only for loopback hosts)`,
  );
}
