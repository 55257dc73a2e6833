/**
 * Identifiers of the mock server: random secrets (tokens, codes, file ids) and stable,
 * UUID-shaped ids for the seed data, so the same seed always has the same ids.
 *
 * @module
 */

/** A random secret of `bytes` bytes, hex encoded. */
export function randomSecret(bytes = 24): string {
  const buffer = crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(buffer, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** murmur3's 32-bit finaliser: spreads every input bit over the output. */
function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A stable UUID (version 4 shape) derived from a name: FNV-1a, stretched to 128 bits. */
export function stableUuid(name: string): string {
  let hash = 0x811c9dc5;
  for (const char of name) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  let hex = "";
  for (let round = 1; round <= 4; round++) {
    hex += mix32(hash + Math.imul(round, 0x9e3779b9)).toString(16).padStart(8, "0");
  }
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${
    hex.slice(17, 20)
  }-${hex.slice(20, 32)}`;
}

/** An opaque page token or cursor (base64url, safe in a query string). */
export function encodeCursor(text: string): string {
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Reads a token of {@link encodeCursor}; null when it is not one. */
export function decodeCursor(token: string): string | null {
  try {
    return atob(token.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    return null;
  }
}
