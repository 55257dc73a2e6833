/**
 * `restream api <path>`: any REST request through the same pipeline as every command (auth,
 * refresh after a 401, retries, error mapping, exit codes), printing the body exactly as
 * received (SPEC.md, "Raw requests").
 *
 * @module
 */

import { UsageError } from "../errors.ts";
import type { HttpClient, HttpResponse } from "../http/http.ts";
import {
  type ApiField,
  buildBody,
  readPage,
  resolveApiPath,
  splitField,
  typedValue,
  withQuery,
} from "./api_params.ts";
import { readFileArg } from "./args.ts";
import type { CliContext } from "./context.ts";
import { escapeJsonText } from "./json_text.ts";
import { singleLine, terminalSafe } from "./terminal_safe.ts";

/** The flags of `api`. */
export interface ApiOptions {
  /** `-X/--method`. */
  method?: string;
  /** `--input <file>`. */
  input?: string;
  /** `--paginate`. */
  paginate?: true;
  /** `-i/--include`. */
  include?: true;
  /** `--allow-oauth`: let a path under /oauth/ through. */
  allowOauth?: true;
}

/**
 * The path as a server or a proxy in front of it may read it, when it is under /oauth/
 * (`/oauth/…`), or undefined. Read loosely on purpose, since servers differ: percent-escapes
 * decoded (twice encoded too), `\\` as `/`, `;` path parameters dropped (Tomcat, Spring),
 * empty segments merged (nginx), `.` and `..` resolved, case ignored. So
 * `/v2/../oauth/token`, `//oauth/token`, `/v2/..%2Foauth/token` and `/v2/..;/oauth/token`
 * are all /oauth/token.
 */
function oauthPath(path: string): string | undefined {
  let text = path.replace(/[?#].*$/s, "");
  for (let round = 0; round < 4 && text.includes("%"); round++) {
    try {
      text = decodeURIComponent(text);
    } catch {
      break;
    }
  }
  const segments: string[] = [];
  for (const raw of text.replaceAll("\\", "/").split("/")) {
    const segment = raw.replace(/;.*$/s, "").trim();
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  return segments[0]?.toLowerCase() === "oauth" ? `/${segments.join("/")}` : undefined;
}

/** One `-f`/`-F` value as typed, in command-line order. */
export interface RawField {
  flag: "-f" | "-F";
  raw: string;
}

/** `api <path>`: one request through the client's pipeline, the body printed as received. */
export async function runApi(
  ctx: CliContext,
  rawPath: string,
  options: ApiOptions,
  rawFields: readonly RawField[],
): Promise<void> {
  const stdin = stdinOnce(ctx);
  const method = parseMethod(options, rawFields.length);
  const path = resolveApiPath(rawPath, ctx.config.apiUrl);
  const oauth = oauthPath(path);
  if (!options.allowOauth && oauth !== undefined) {
    throw new UsageError(
      `refusing to send a request to ${oauth}: ` +
        "OAuth endpoints can rotate the stored tokens (pass --allow-oauth to do it anyway)",
    );
  }
  const split = rawFields.map(({ flag, raw }) => ({ flag, ...splitField(raw, flag) }));
  if (options.paginate && method !== "GET") {
    // -f/-F make the default POST (as in gh); say how to page with parameters.
    const hint = options.method === undefined && rawFields.length > 0
      ? " (-f/-F make the method POST: add -X GET to send them in the query)"
      : "";
    throw new UsageError(`--paginate works only with GET, not ${method}${hint}`);
  }
  const fields: ApiField[] = [];
  for (const { flag, key, value } of split) {
    const typed = flag === "-f"
      ? value
      : await typedValue(value, (name) => readSource(name, stdin));
    fields.push({ key, value: typed });
  }
  const input = options.input === undefined
    ? undefined
    : await readFileArg(options.input, stdin, "--input");
  // As in gh: with --input the fields go to the query string; otherwise a GET (or HEAD)
  // sends them as a query, any other method as a JSON body.
  const inQuery = input !== undefined || method === "GET" || method === "HEAD";
  const target = inQuery ? withQuery(path, fields) : path;
  const json = !inQuery && fields.length > 0 ? buildBody(fields) : undefined;

  const http = ctx.authenticatedClient().http;
  if (options.paginate) {
    await paginate(ctx, http, target, options.include === true);
    return;
  }
  const response = await http.request({
    method,
    path: target,
    json,
    body: input,
    headers: input === undefined ? undefined : { "Content-Type": "application/json" },
    parse: false,
    signal: ctx.io.signal,
  });
  if (options.include) printHead(ctx, response);
  // Piped, the bytes stay exactly as received. On a terminal the body is made safe, and the
  // line is ended so the prompt does not stick to it.
  if (!ctx.io.stdoutIsTerminal) ctx.rawStdout.write(response.text);
  else if (response.text !== "") {
    const shown = terminalBody(response.text);
    ctx.io.stdout.write(shown.endsWith("\n") ? shown : `${shown}\n`);
  }
}

/**
 * A body for a terminal (SPEC.md, "Raw requests"): JSON keeps its exact text, with the JSON
 * escaping of controls and bidi characters (they can only be inside its strings); anything
 * else goes through the terminal-safety function.
 */
function terminalBody(text: string): string {
  try {
    JSON.parse(text);
  } catch {
    return terminalSafe(text);
  }
  return escapeJsonText(text);
}

function parseMethod(options: ApiOptions, fieldCount: number): string {
  if (options.method === undefined) {
    const hasBody = fieldCount > 0 || options.input !== undefined;
    return hasBody ? "POST" : "GET";
  }
  if (!/^[A-Za-z]+$/.test(options.method)) {
    throw new UsageError(`invalid --method '${options.method}': expected e.g. GET or PATCH`);
  }
  return options.method.toUpperCase();
}

/**
 * `--paginate`: one JSON array written as the pages arrive (`[` with the first page's items,
 * each later page's items as it comes, `]` after the last), so memory stays one page deep.
 * A failing page leaves the array unclosed and its error decides the exit code.
 */
async function paginate(
  ctx: CliContext,
  http: HttpClient,
  first: string,
  include: boolean,
): Promise<void> {
  // Loaded with the client by now; imported here to keep it out of start-up.
  const { followPages } = await import("../client/pages.ts");
  const pages = followPages({
    first,
    fetchPage: async (path) => {
      const response = await http.request({ method: "GET", path: path!, signal: ctx.io.signal });
      if (include) printHead(ctx, response);
      return readPage(response.body, path!);
    },
    next: (step) => step.next,
    items: (step) => step.items,
    onWarning: ctx.warn,
  });
  const array = ctx.output.jsonArray();
  for await (const step of pages) array.push(step.items);
  array.end();
}

function printHead(ctx: CliContext, response: HttpResponse): void {
  const lines = [`HTTP ${response.status} ${response.statusText ?? ""}`.trimEnd()];
  for (const [name, value] of response.headers) lines.push(`${name}: ${value}`);
  const safe = lines.map(singleLine);
  ctx.io.stderr.write(`${safe.join("\n")}\n\n`);
}

/** stdin may feed one value only (`--input -` or one `@-`). */
function stdinOnce(ctx: CliContext): () => ReadableStream<Uint8Array> {
  let used = false;
  return () => {
    if (used) throw new UsageError("stdin can be read once: use '-' for one value only");
    if (!ctx.io.stdin) throw new UsageError("'-' needs data on stdin");
    used = true;
    return ctx.io.stdin;
  };
}

async function readSource(
  name: string,
  stdin: () => ReadableStream<Uint8Array>,
): Promise<string> {
  return new TextDecoder().decode(await readFileArg(name, stdin, `-F @${name}`));
}
