/**
 * "Did you mean …?" for typos of commands and flags.
 *
 * @module
 */

/** Levenshtein distance. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidates close to what was typed (at most two edits, or a prefix of three letters or
 * more), as a message suffix: " (did you mean list?)", or "" when none is close.
 */
export function suggestion(typed: string, candidates: readonly string[]): string {
  const near = candidates.filter((c) =>
    editDistance(c, typed) <= Math.min(2, Math.max(1, typed.length - 2)) ||
    (typed.replace(/^-+/, "").length >= 3 && c.startsWith(typed))
  );
  const unique = [...new Set(near)].slice(0, 3);
  return unique.length > 0 ? ` (did you mean ${unique.join(" or ")}?)` : "";
}
