/**
 * Masking of secrets in anything that may be logged: URLs, headers, free text.
 *
 * Two ways (SPEC.md, "Hostile input"): by syntax (secret query and form parameters,
 * Authorization credentials), and by value: every secret of 6 characters or more that the
 * process holds is registered with {@link registerSecret} where it is read, obtained or sent
 * (tokens, the client secret and its Basic credential, codes, PKCE verifiers, stream keys,
 * SRT passphrases, RTMP passwords) and masked wherever it appears, raw, URL-encoded or
 * JSON-escaped: a server that echoes a refresh token in an error body gets `***` printed.
 *
 * @module
 */

/** Query and form parameters whose values are secrets. */
const SECRET_PARAMS = [
  "accessToken",
  "access_token",
  "refresh_token",
  "refreshToken",
  "token",
  "code",
  "code_verifier",
  "client_secret",
  "streamKey",
  "passPhrase",
];

const SECRET_PARAM_PATTERN = new RegExp(
  `([?&;]|\\b)(${SECRET_PARAMS.join("|")})=([^&#\\s"']+)`,
  "g",
);
const BEARER_PATTERN = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;

/** The text that replaces a secret. */
export const MASK = "***";

/** Shorter values are masked by syntax only: masking them would garble ordinary text. */
export const MIN_SECRET_LENGTH = 6;
/** Values remembered at most (a monitor running for weeks refreshes its tokens often). */
const MAX_SECRETS = 1000;

/** Registered secrets, oldest first, each with the forms it may take in text. */
const secrets = new Map<string, string[]>();
let valuePattern: RegExp | null | undefined;

/**
 * Remembers a secret value so that {@link maskSecrets} masks it wherever it appears: raw,
 * URL-encoded (`%2B`, or `+` for a space in a form) and JSON-escaped. Values shorter than
 * {@link MIN_SECRET_LENGTH} and non-strings are ignored.
 *
 * @example
 * ```ts
 * import { maskSecrets, registerSecret } from "./mask.ts";
 * registerSecret("r3fresh/token+1");
 * maskSecrets('{"error":"invalid_grant: r3fresh/token+1"}'); // '{"error":"invalid_grant: ***"}'
 * ```
 */
export function registerSecret(value: unknown): void {
  if (typeof value !== "string" || value.length < MIN_SECRET_LENGTH || secrets.has(value)) {
    return;
  }
  const json = JSON.stringify(value).slice(1, -1);
  // JSON as PHP (`\/`) and Python (`\u00e9`) write it too.
  const asciiJson = json.replace(/[^ -~]/g, (c) => escapedUnit(c.charCodeAt(0)));
  const urlForms = [
    encodeURIComponent(value),
    new URLSearchParams({ v: value }).toString().slice(2),
  ];
  const forms = new Set([
    value,
    ...urlForms,
    // Lower-case hex, as .NET writes it.
    ...urlForms.map((form) => form.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase())),
    json,
    asciiJson,
    json.replaceAll("/", "\\/"),
    asciiJson.replaceAll("/", "\\/"),
  ]);
  secrets.set(value, [...forms]);
  if (secrets.size > MAX_SECRETS) secrets.delete(secrets.keys().next().value!);
  valuePattern = undefined;
}

/** The `\\uXXXX` form of one UTF-16 unit, as JSON writes it. */
function escapedUnit(code: number): string {
  return `\\u${code.toString(16).padStart(4, "0")}`;
}

/** Forgets every registered value (tests that must not see each other's secrets). */
export function clearSecrets(): void {
  secrets.clear();
  valuePattern = undefined;
}

/** One pattern for every registered form, longest first (a value inside another stays whole). */
function registeredPattern(): RegExp | null {
  if (valuePattern === undefined) {
    const forms = [...secrets.values()].flat().sort((a, b) => b.length - a.length);
    valuePattern = forms.length === 0
      ? null
      : new RegExp(forms.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
  }
  return valuePattern;
}

/**
 * Masks registered secret values, secret query/form parameters and Authorization credentials
 * in a piece of text.
 *
 * @example
 * ```ts
 * import { maskSecrets } from "./mask.ts";
 * maskSecrets("wss://x/ws?accessToken=abc"); // "wss://x/ws?accessToken=***"
 * ```
 */
export function maskSecrets(text: string): string {
  const values = registeredPattern();
  return (values === null ? text : text.replace(values, MASK))
    .replace(SECRET_PARAM_PATTERN, (_m, sep: string, name: string) => `${sep}${name}=${MASK}`)
    .replace(BEARER_PATTERN, (_m, scheme: string) => `${scheme} ${MASK}`);
}

/** Masks a URL for logging (secret parameters only; the path stays readable). */
export function maskUrl(url: string | URL): string {
  return maskSecrets(String(url));
}
