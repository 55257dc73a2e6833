/**
 * The request parts of `restream api`, as in `gh api`: where a path goes, how `-f`/`-F`
 * fields become a query string or a JSON body, and how pages are followed.
 *
 * @module
 */

import { UsageError } from "../errors.ts";

/** One `-f`/`-F` parameter after typing. */
export interface ApiField {
  /** Name as typed; `a[b]` nests and `a[]` appends in a JSON body. */
  key: string;
  /** A string for `-f`; for `-F` a number, boolean, null, or string (file contents). */
  value: unknown;
}

/** Reads `@file` values (`@-`: stdin). */
export type ReadSource = (name: string) => Promise<string>;

/**
 * The path from the origin of a `restream api` argument: relative to `/v2`, unless it starts
 * with `/v2/` or `/oauth/`. A full URL is accepted only on the API origin: the token is never
 * sent anywhere else.
 */
export function resolveApiPath(input: string, apiUrl: string): string {
  const trimmed = input.trim();
  if (trimmed === "") throw new UsageError("the path is empty (e.g. 'user/profile')");
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    const url = new URL(trimmed);
    const origin = new URL(apiUrl).origin;
    if (url.origin !== origin) {
      throw new UsageError(
        `'${url.origin}' is not the API origin (${origin}): give a path like 'user/profile'`,
      );
    }
    return url.pathname + url.search;
  }
  const path = (trimmed.startsWith("/") ? trimmed : `/${trimmed}`).replace(/#.*$/, "");
  if (/^\/(v2|oauth)(\/|\?|$)/.test(path)) return path;
  return `/v2${path}`;
}

/** Splits `key=value`; a missing `=` or an empty key is a usage error naming the flag. */
export function splitField(raw: string, flag: string): { key: string; value: string } {
  const at = raw.indexOf("=");
  if (at <= 0) throw new UsageError(`invalid ${flag} '${raw}': expected key=value`);
  return { key: raw.slice(0, at), value: raw.slice(at + 1) };
}

/**
 * Types an `-F` value: `true`/`false`, `null`, a number, `@file` (the file's contents;
 * `@-` reads stdin), otherwise the string itself.
 */
export async function typedValue(value: string, read: ReadSource): Promise<unknown> {
  if (value === "true") return true;
  if (value === "false") return false;
  if (value === "null") return null;
  if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value) && Number.isFinite(Number(value))) {
    return Number(value);
  }
  if (value.startsWith("@") && value.length > 1) return await read(value.slice(1));
  return value;
}

/** Appends fields to a path's query string (GET): keys as typed, values as text. */
export function withQuery(path: string, fields: readonly ApiField[]): string {
  if (fields.length === 0) return path;
  const url = new URL(path, "http://placeholder");
  for (const { key, value } of fields) {
    url.searchParams.append(key, value === null ? "" : String(value));
  }
  return url.pathname + url.search;
}

/** Sets or replaces one query parameter of a path (pagination). */
export function withParam(path: string, key: string, value: string | number): string {
  const url = new URL(path, "http://placeholder");
  url.searchParams.set(key, String(value));
  return url.pathname + url.search;
}

/** The path without a query parameter. */
function withoutParam(path: string, key: string): string {
  const url = new URL(path, "http://placeholder");
  url.searchParams.delete(key);
  return url.pathname + url.search;
}

/** Builds a JSON body from fields: `a=1` sets, `a[b]=1` nests, `a[]=1` appends. */
export function buildBody(fields: readonly ApiField[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const { key, value } of fields) setNested(body, key, value);
  return body;
}

function setNested(target: Record<string, unknown>, key: string, value: unknown): void {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!match) throw new UsageError(`invalid field name '${key}'`);
  const path = [match[1], ...Array.from(match[2].matchAll(/\[([^[\]]*)\]/g), (m) => m[1])];
  let node: unknown = target;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    const child: unknown = last ? value : path[i + 1] === "" ? [] : {};
    if (segment === "") {
      if (!Array.isArray(node)) throw conflict(key);
      node.push(child);
      node = child;
      continue;
    }
    if (node === null || typeof node !== "object" || Array.isArray(node)) throw conflict(key);
    const record = node as Record<string, unknown>;
    if (last) {
      record[segment] = value;
      return;
    }
    const existing = record[segment];
    if (existing === undefined) record[segment] = child;
    else if (
      existing === null || typeof existing !== "object" ||
      Array.isArray(existing) !== Array.isArray(child)
    ) throw conflict(key);
    node = record[segment];
  }
}

function conflict(key: string): UsageError {
  return new UsageError(`field '${key}' conflicts with another field of the same name`);
}

/** What one page of a paged answer holds. */
export interface PageStep {
  /** The page's items. */
  items: unknown[];
  /** The path of the next page, when there is one. */
  next?: string;
}

/**
 * Reads one page of any pagination style of the API: `{items, pagination: {page,
 * pages_total}}` (events history; next is `?page=N+1`), `{<list>, pagination: {nextCursor,
 * hasMore}}` (clip projects; next is `?cursor=…`) or `{<list>, nextPageToken}` (chat history;
 * next is `?pageToken=…`). A bare array is one page; an object with no list is one item.
 */
export function readPage(body: unknown, path: string): PageStep {
  if (Array.isArray(body)) return { items: body };
  if (body === null || typeof body !== "object") return { items: [body] };
  const record = body as Record<string, unknown>;
  const lists = Object.entries(record).filter(([k, v]) => k !== "pagination" && Array.isArray(v));
  const list = Array.isArray(record.items)
    ? record.items as unknown[]
    : lists.length === 1
    ? lists[0][1] as unknown[]
    : undefined;
  if (list === undefined) return { items: [body] };
  // Chat history: `{messages, nextPageToken}`; the token replaces a starting `timestamp`.
  if (typeof record.nextPageToken === "string" && record.nextPageToken !== "") {
    if (list.length === 0) return { items: list };
    const next = withParam(path, "pageToken", record.nextPageToken);
    return { items: list, next: withoutParam(next, "timestamp") };
  }
  const pagination = record.pagination;
  if (pagination === null || typeof pagination !== "object") return { items: list };
  const p = pagination as Record<string, unknown>;
  const page = p.page;
  const total = p.pages_total ?? p.pagesTotal;
  if (typeof page === "number" && typeof total === "number") {
    return page < total
      ? { items: list, next: withParam(path, "page", page + 1) }
      : { items: list };
  }
  if (typeof p.nextCursor === "string" && p.nextCursor !== "" && p.hasMore !== false) {
    return { items: list, next: withParam(path, "cursor", p.nextCursor) };
  }
  return { items: list };
}
