/**
 * The narrowest Deno permissions the `restream` CLI runs with, in one place: the README's
 * install and run lines, `deno task compile` (scripts/compile.ts) and the end-to-end tests
 * that run the CLI without `-A` all come from here.
 *
 * - net: the three Restream hosts (REST + OAuth, streaming and chat WebSockets) and loopback
 *   (the mock server, the login callback listener: a host without a port allows every port,
 *   for connecting and for listening; IPv6 is written `[::1]`).
 * - read/write: the config directory (tokens, their lock) and `.`, the directory the command
 *   runs in (Deno resolves a relative permission path against the working directory when the
 *   process starts, also for an installed command), for downloads and `api --input`/`-F @file`;
 *   read also: the checkout's own modules, loaded lazily (deno.json `lazy-dynamic-imports`).
 * - env: the variables the CLI reads (no dependency reads any). Proxy variables (`HTTPS_PROXY`…)
 *   are read by Deno itself, which needs no permission for them.
 * - sys: `osRelease`, for `version`, and `uid`, to tell whether a config directory or token
 *   link open to others is the user's own (nothing calls `os.homedir()`: the config directory
 *   comes from `HOME`).
 * - run: only the OS's browser opener, for `login`.
 *
 * @module
 */

/** The Restream hosts the CLI talks to (SPEC.md, "Environment"). */
export const RESTREAM_HOSTS: readonly string[] = [
  "api.restream.io",
  "streaming.api.restream.io",
  "chat.api.restream.io",
];

/** Loopback, for the mock server and the login callback (any port). */
export const LOOPBACK_HOSTS: readonly string[] = ["127.0.0.1", "localhost", "[::1]"];

/** Every environment variable the CLI reads. */
export const ENV_VARS: readonly string[] = [
  "RESTREAM_*",
  "HOME",
  "XDG_CONFIG_HOME",
  "APPDATA",
  "NO_COLOR",
];

/** The browser opener of each OS (src/auth/browser.ts). */
export const BROWSER_OPENERS: Readonly<Record<string, string>> = {
  linux: "xdg-open",
  darwin: "open",
  windows: "rundll32",
};

/**
 * The runtime flag an installed `restream` runs with besides its permissions: a command's
 * modules (the bundle's chunks) are read when it runs, not all at start-up (README,
 * "Performance"). Without it the CLI works the same, only slower to start.
 */
export const LAZY_IMPORTS_FLAG = "--unstable-lazy-dynamic-imports";

/** Options of {@link permissionFlags}. */
export interface PermissionOptions {
  /**
   * The config directory to allow (e.g. `$HOME/.config/restream.io`). Absent: read and write
   * are allowed everywhere (a compiled binary runs on machines whose paths are unknown).
   */
  configDir?: string;
  /** The OS whose browser opener to allow; the running one by default. */
  os?: string;
  /**
   * The directory of the CLI's own modules, readable so that deno.json's
   * `lazy-dynamic-imports` can load a command's modules when it runs (Deno checks `--allow-read`
   * for a local module imported after start-up). Defaults to this checkout; `null` for a
   * compiled binary, whose modules are embedded, and for a JSR install, whose are remote.
   */
  sourceDir?: string | null;
}

/** The checkout these scripts belong to (a local directory, or undefined when remote). */
export const CHECKOUT_DIR: string | undefined = new URL("..", import.meta.url).protocol === "file:"
  ? decodeURIComponent(new URL("..", import.meta.url).pathname).replace(/\/$/, "")
  : undefined;

/** The permission flags of the CLI, in the order the README prints them. */
export function permissionFlags(options: PermissionOptions = {}): string[] {
  const sourceDir = options.sourceDir === undefined ? CHECKOUT_DIR : options.sourceDir;
  const readable = [".", options.configDir, sourceDir ?? undefined].filter((p) => p !== undefined);
  const fs = options.configDir === undefined
    ? ["--allow-read", "--allow-write"]
    : [`--allow-read=${readable.join(",")}`, `--allow-write=.,${options.configDir}`];
  const opener = BROWSER_OPENERS[options.os ?? Deno.build.os] ?? BROWSER_OPENERS.linux;
  return [
    `--allow-net=${[...RESTREAM_HOSTS, ...LOOPBACK_HOSTS].join(",")}`,
    ...fs,
    `--allow-env=${ENV_VARS.join(",")}`,
    "--allow-sys=osRelease,uid",
    `--allow-run=${opener}`,
    "--no-prompt",
  ];
}

if (import.meta.main) {
  // Prints the flags for a config directory, one line, e.g. to paste into a shell.
  const configDir = Deno.args[0] ?? "$HOME/.config/restream.io";
  console.log([LAZY_IMPORTS_FLAG, ...permissionFlags({ configDir })].join(" "));
}
