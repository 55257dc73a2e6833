/**
 * Opens a URL in the user's browser with the platform's own opener. Failing is normal (no
 * display, a container, a remote shell): the caller shows the URL anyway and carries on.
 *
 * @module
 */

/**
 * The opener command of an OS (not exported from the package). On Windows, `rundll32 url.dll,FileProtocolHandler` takes the
 * URL as one argument; `cmd /c start` would parse the `&` between query parameters as a
 * command separator.
 */
export function browserCommand(os: string, url: string): { cmd: string; args: string[] } {
  if (os === "darwin") return { cmd: "open", args: [url] };
  if (os === "windows") return { cmd: "rundll32", args: ["url.dll,FileProtocolHandler", url] };
  return { cmd: "xdg-open", args: [url] };
}

/** Options of {@link openInBrowser}. */
export interface OpenInBrowserOptions {
  /** The OS whose opener to use; the running one by default. */
  os?: string;
  /** How long to wait for the opener to fail before assuming it worked; 1500 ms by default. */
  graceMs?: number;
  /** Runs this program instead of the OS's opener (same arguments); for tests. */
  program?: string;
}

/**
 * Starts the browser at a URL. Resolves false when the opener could not be started or failed
 * within `graceMs`; true when it succeeded or is still running then (an opener that starts a
 * new browser may stay in the foreground until the browser closes, so it is never awaited
 * to the end, and it does not keep this process alive). Never rejects.
 *
 * @example
 * ```ts
 * import { openInBrowser } from "jsr:@restream/cli";
 * if (!await openInBrowser("https://restream.io")) console.error("open it yourself");
 * ```
 */
export async function openInBrowser(
  url: string,
  options: OpenInBrowserOptions = {},
): Promise<boolean> {
  if (!/^https?:\/\//i.test(url)) return false;
  const { cmd, args } = browserCommand(options.os ?? Deno.build.os, url);
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(options.program ?? cmd, {
      args,
      stdin: "null",
      stdout: "null",
      stderr: "null",
    })
      .spawn();
  } catch {
    return false;
  }
  child.unref();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stillRunning = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), options.graceMs ?? 1500);
  });
  try {
    return await Promise.race([child.status.then((s) => s.success, () => false), stillRunning]);
  } finally {
    clearTimeout(timer);
  }
}
