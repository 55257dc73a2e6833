/**
 * Masking of secrets in anything that may be logged: URLs, headers, free text.
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

/**
 * Masks secret query/form parameters and Authorization credentials in a piece of text.
 *
 * @example
 * ```ts
 * import { maskSecrets } from "./mask.ts";
 * maskSecrets("wss://x/ws?accessToken=abc"); // "wss://x/ws?accessToken=***"
 * ```
 */
export function maskSecrets(text: string): string {
  return text
    .replace(SECRET_PARAM_PATTERN, (_m, sep: string, name: string) => `${sep}${name}=${MASK}`)
    .replace(BEARER_PATTERN, (_m, scheme: string) => `${scheme} ${MASK}`);
}

/** Masks a URL for logging (secret parameters only; the path stays readable). */
export function maskUrl(url: string | URL): string {
  return maskSecrets(String(url));
}
