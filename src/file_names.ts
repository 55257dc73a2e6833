/**
 * File names for downloads (SPEC.md, "Hostile input", "Files"): the name a server suggests,
 * or a title, made safe to create on any of the platforms the CLI runs on and to show in a
 * terminal. The server and the titles are not trusted: no directories, no hidden names, no
 * control or bidi characters (`evil\u202Egpj.exe` would display as "evilexe.jpg"), at most
 * 255 UTF-8 bytes cut between characters with the extension kept, and no Windows device
 * names.
 *
 * @module
 */

const EXTENSIONS: Record<string, string> = {
  "video/mp4": ".mp4",
  "video/webm": ".webm",
  "video/quicktime": ".mov",
  "audio/mpeg": ".mp3",
  "audio/mp4": ".m4a",
  "audio/aac": ".aac",
  "audio/wav": ".wav",
  "text/csv": ".csv",
  "text/plain": ".txt",
  "application/json": ".json",
  "application/zip": ".zip",
};

/** Options of {@link suggestedFileName}. */
export interface FileNameOptions {
  /** The URL asked for, used when the response does not say where it came from. */
  url?: string | URL;
  /**
   * Use `fallback` as the name even when the server suggests one (e.g. a title the user
   * knows); only its extension, when it has none, comes from the server.
   */
  preferFallback?: boolean;
}

const EXTENSION = /\.[A-Za-z0-9]{1,8}$/;

/**
 * The file name a response suggests: the `Content-Disposition` file name, else the last
 * segment of the URL's path when it has an extension, else `fallback` plus an extension
 * guessed from the content type. Always a plain name (no directories, no leading dot).
 *
 * @example
 * ```ts
 * import { downloadToFile, RestreamClient, suggestedFileName } from "jsr:@restream/cli";
 *
 * const client = new RestreamClient({ token: Deno.env.get("RESTREAM_TOKEN") });
 * const { downloadUrl } = await client.getClipDownloadUrl("clip-id");
 * const saved = await downloadToFile(downloadUrl, (response) => suggestedFileName(response, "clip"));
 * console.log(`saved ${saved.path}`);
 * ```
 */
export function suggestedFileName(
  response: Response,
  fallback: string,
  options: FileNameOptions = {},
): string {
  const disposition = dispositionName(response.headers.get("content-disposition"));
  const from = response.url || String(options.url ?? "http://placeholder/");
  const last = safeName(decodeSegment(new URL(from).pathname));
  const served = disposition ?? (last && EXTENSION.test(last) ? last : undefined);
  const stem = safeName(fallback) ?? "download";
  if (served !== undefined && !options.preferFallback) return served;
  if (EXTENSION.test(stem)) return stem;
  const type = (response.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  const extension = EXTENSION.exec(served ?? "")?.[0] ?? EXTENSIONS[type] ?? "";
  // Cut again with the extension on: the stem alone may already have been 255 bytes.
  return fitFileName(stem + extension, MAX_NAME_BYTES);
}

function dispositionName(header: string | null): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)?.[1];
  if (star) return safeName(decodeSegment(star.trim()));
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/.exec(header);
  return safeName((plain?.[1] ?? plain?.[2] ?? "").trim());
}

function decodeSegment(path: string): string {
  const last = path.split("/").pop() ?? "";
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** C0, DEL, C1, the bidi controls and marks, line and paragraph separators. */
const UNSAFE =
  // deno-lint-ignore no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\/\\:*?"<>|]+/g;
/** Windows device names, with or without an extension: `con.txt` is the console too. */
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\.|$)/i;
/** The longest name Linux, macOS and Windows file systems take, in UTF-8 bytes. */
const MAX_NAME_BYTES = 255;
/** An extension this long or shorter (with its dot) survives a cut. */
const MAX_EXTENSION_BYTES = 16;

const encoder = new TextEncoder();
const byteLength = (text: string): number => encoder.encode(text).length;

/**
 * A name safe to create in the current directory: no path separators, no control or bidi
 * characters (each run becomes `_`), no leading dots (never `..`, never hidden), Windows'
 * device names prefixed with `_`, at most 255 UTF-8 bytes; undefined when nothing is left.
 */
export function safeName(name: string): string | undefined {
  const cleaned = name.replace(UNSAFE, "_").replace(/^[.\s]+/, "").trim();
  if (cleaned === "") return undefined;
  return fitFileName(RESERVED.test(cleaned) ? `_${cleaned}` : cleaned, MAX_NAME_BYTES);
}

/**
 * `name` cut to at most `maxBytes` UTF-8 bytes: the stem loses whole grapheme clusters from
 * its end (never half an emoji or a combining accent) so that an extension of up to 16 bytes
 * survives.
 */
export function fitFileName(name: string, maxBytes: number): string {
  if (byteLength(name) <= maxBytes) return name;
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 && byteLength(name.slice(dot)) <= MAX_EXTENSION_BYTES
    ? name.slice(dot)
    : "";
  let budget = maxBytes - byteLength(extension);
  let stem = "";
  const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
  for (const { segment } of graphemes.segment(name.slice(0, name.length - extension.length))) {
    const size = byteLength(segment);
    if (size > budget) break;
    stem += segment;
    budget -= size;
  }
  // A cut can leave a trailing space, which Windows would drop; a stem must remain.
  return `${stem.trimEnd() || "_"}${extension}`;
}
