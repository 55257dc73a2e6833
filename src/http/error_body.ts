/**
 * Turns any error body the API (or a proxy in front of it) sends into one readable line.
 *
 * Shapes seen (RESTREAM_API.md, "Errors and limits"): `{"error":{message,name}}`,
 * `{"message"}`, `{"error":"invalid_grant","error_description"}`, `{"error":"…"}`, a JSON
 * list, HTML from a proxy, and an empty body.
 *
 * @module
 */

import { maskSecrets } from "./mask.ts";

/** The readable parts of an error body. */
export interface ErrorDetail {
  /** Best human message available, or undefined when the body says nothing useful. */
  message?: string;
  /** Machine-readable code (`invalid_token`, `insufficient_scope`, `invalid_grant`…). */
  code?: string;
}

const MAX_MESSAGE = 300;

/** Extracts a message and code from a raw error body. */
export function describeErrorBody(text: string): ErrorDetail {
  const trimmed = text.trim();
  if (trimmed === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return { message: describeNonJson(trimmed) };
  }
  return fromJson(parsed);
}

function fromJson(value: unknown): ErrorDetail {
  if (typeof value === "string") return { message: oneLine(value) };
  if (Array.isArray(value)) {
    const parts = value.map((item) => fromJson(item).message).filter((m) => m !== undefined);
    return { message: parts.length > 0 ? oneLine(parts.join("; ")) : undefined };
  }
  if (value === null || typeof value !== "object") return {};
  const record = value as Record<string, unknown>;
  const error = record.error;
  if (error !== null && typeof error === "object" && !Array.isArray(error)) {
    const inner = error as Record<string, unknown>;
    return {
      message: stringField(inner, "message") ?? stringField(inner, "name"),
      code: stringField(inner, "name") ?? stringField(inner, "code"),
    };
  }
  const description = stringField(record, "error_description");
  const errorText = typeof error === "string" ? oneLine(error) : undefined;
  return {
    message: description ?? stringField(record, "message") ?? errorText ??
      stringField(record, "detail"),
    code: errorText ?? stringField(record, "code") ?? stringField(record, "name"),
  };
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  if (typeof value === "string" && value.trim() !== "") return oneLine(value);
  return undefined;
}

/** HTML from a proxy: its <title> or first heading says more than the markup. */
function describeNonJson(text: string): string | undefined {
  if (/^<(!doctype|html|head|body|\?xml)/i.test(text) || /<\/\w+>/.test(text)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1] ??
      /<h1[^>]*>([^<]*)<\/h1>/i.exec(text)?.[1];
    return title && title.trim() !== "" ? oneLine(title) : undefined;
  }
  return oneLine(text);
}

/**
 * One line, at most {@link MAX_MESSAGE} characters. Secrets are masked before the cut: a
 * body that echoes a refresh token where the line ends must not show its first characters.
 */
function oneLine(text: string): string {
  const line = maskSecrets(text).replace(/\s+/g, " ").trim();
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line;
}
