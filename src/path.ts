/**
 * The file-path helpers the package needs (`join`, `basename`, `dirname`), written here
 * because `node:path` loads Deno's Node-compatibility layer (~15 ms at every start-up,
 * DESIGN.md "Dependencies") and `@std/path` is not reachable. Same results as `node:path`
 * for what the package passes them: POSIX paths, and on Windows both separators in, `\` out.
 *
 * @module
 */

const WINDOWS = Deno.build.os === "windows";

function isSeparator(char: string, windows: boolean): boolean {
  return char === "/" || (windows && char === "\\");
}

/** A Windows drive or UNC prefix (`C:`, `\\server\share`), "" elsewhere. */
function rootPrefix(path: string, windows: boolean): string {
  if (!windows) return "";
  const drive = /^[A-Za-z]:/.exec(path);
  if (drive) return drive[0];
  const unc = /^[\\/]{2}[^\\/]+[\\/][^\\/]+/.exec(path);
  return unc ? unc[0] : "";
}

/**
 * Joins path segments and normalises the result as `node:path`'s `join` does: empty segments
 * are skipped, repeated separators collapse, `.` and `..` are resolved, and "" becomes ".".
 */
export function join(...segments: string[]): string {
  return joinFor(WINDOWS, segments);
}

/** {@link join} for a given platform (exported for tests on every OS). */
export function joinFor(windows: boolean, segments: readonly string[]): string {
  const joined = segments.filter((s) => s !== "").join(windows ? "\\" : "/");
  if (joined === "") return ".";
  const prefix = rootPrefix(joined, windows);
  const rest = joined.slice(prefix.length);
  const absolute = rest.length > 0 && isSeparator(rest[0], windows);
  const parts: string[] = [];
  for (const part of rest.split(windows ? /[\\/]+/ : /\/+/)) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
      else if (!absolute) parts.push("..");
      continue;
    }
    parts.push(part);
  }
  const sep = windows ? "\\" : "/";
  const trailing = isSeparator(joined[joined.length - 1], windows) && parts.length > 0;
  const body = parts.join(sep) + (trailing ? sep : "");
  if (absolute) return `${prefix}${sep}${body}`;
  return prefix + (body === "" ? (prefix ? "" : ".") : body);
}

/** The last segment of a path (trailing separators ignored), as `node:path`'s `basename`. */
export function basename(path: string): string {
  return basenameFor(WINDOWS, path);
}

/** {@link basename} for a given platform. */
export function basenameFor(windows: boolean, path: string): string {
  const trimmed = trimTrailing(path.slice(rootPrefix(path, windows).length), windows);
  let start = trimmed.length;
  while (start > 0 && !isSeparator(trimmed[start - 1], windows)) start--;
  return trimmed.slice(start);
}

/** Everything but the last segment, as `node:path`'s `dirname` ("." for a bare name). */
export function dirname(path: string): string {
  return dirnameFor(WINDOWS, path);
}

/** {@link dirname} for a given platform. */
export function dirnameFor(windows: boolean, path: string): string {
  const prefix = rootPrefix(path, windows);
  const rest = trimTrailing(path.slice(prefix.length), windows);
  let end = rest.length;
  while (end > 0 && !isSeparator(rest[end - 1], windows)) end--;
  if (end === 0) {
    const rooted = path.length > prefix.length && isSeparator(path[prefix.length], windows);
    return rooted ? prefix + path[prefix.length] : prefix || ".";
  }
  while (end > 1 && isSeparator(rest[end - 1], windows)) end--;
  return prefix + rest.slice(0, end);
}

function trimTrailing(path: string, windows: boolean): string {
  let end = path.length;
  while (end > 1 && isSeparator(path[end - 1], windows)) end--;
  return path.slice(0, end);
}
