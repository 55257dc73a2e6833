/**
 * The bundle installed the way users install it from JSR: its files served over loopback HTTP
 * (as JSR serves a package's files), `deno install -g` of the entry's URL, then the server
 * stopped, so the installed command can only run from what the install cached. Used by the
 * install test and by `deno task bench`.
 */

import { outputWithin } from "./deadline.ts";

/** Options of {@link installFromUrl}. */
export interface ServedInstallOptions {
  /** The bundle's directory (`deno task bundle`'s dist/cli/, or a fresh build). */
  bundleDir: string;
  /** The install root: the command lands in `<root>/bin/restream`. */
  root: string;
  /** `deno install` flags besides the name and the root (permissions, runtime flags). */
  flags: readonly string[];
  /** The whole environment of `deno install` (its DENO_DIR is where the modules are cached). */
  env: Record<string, string>;
  /** Working directory of the install (relative permission paths stay relative). */
  cwd: string;
}

/** Serves the bundle, installs it from its URL, stops serving; returns the command's path. */
export async function installFromUrl(options: ServedInstallOptions): Promise<string> {
  const files = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (request) => {
    const name = new URL(request.url).pathname.slice(1);
    if (!/^[\w.-]+\.js$/.test(name)) return new Response("not found", { status: 404 });
    return Deno.readFile(`${options.bundleDir}/${name}`).then(
      (body) => new Response(body, { headers: { "content-type": "text/javascript" } }),
      () => new Response("not found", { status: 404 }),
    );
  });
  try {
    const origin = `127.0.0.1:${files.addr.port}`;
    const install = await outputWithin(Deno.execPath(), {
      args: [
        "install",
        "-g",
        "--root",
        options.root,
        "-n",
        "restream",
        ...options.flags,
        `--allow-import=${origin}`,
        "--quiet",
        `http://${origin}/cli.js`,
      ],
      cwd: options.cwd,
      env: options.env,
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    });
    if (!install.success) {
      throw new Error(`deno install failed: ${new TextDecoder().decode(install.stderr)}`);
    }
  } finally {
    await files.shutdown();
  }
  return `${options.root}/bin/restream`;
}
