/**
 * Formatting of values for people: times, booleans, bitrates.
 *
 * @module
 */

/**
 * A timestamp as local date-time (`2026-11-25 18:04:05`). Accepts Unix seconds, Unix
 * milliseconds (large numbers), or ISO strings; empty for null/undefined, the input as is
 * when unreadable.
 */
export function formatTime(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  const date = toDate(value);
  if (date === undefined) return String(value);
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/**
 * Local date-time to the minute (`2026-05-01 18:04`), for table columns: seconds add width,
 * not information, to a list of events or files.
 */
export function formatTableTime(value: number | string | null | undefined): string {
  const text = formatTime(value);
  return /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(text) ? text.slice(0, 16) : text;
}

/** Local time of day (`18:04:05`), for monitor lines. */
export function formatClock(value: number | string | Date): string {
  const date = value instanceof Date ? value : toDate(value);
  if (date === undefined) return String(value);
  return formatTime(date.getTime() / 1000).slice(11);
}

/** Parses Unix seconds, Unix milliseconds or an ISO string into a Date. */
export function toDate(value: number | string): Date | undefined {
  let ms: number;
  if (typeof value === "number" || /^\d+(\.\d+)?$/.test(value)) {
    const n = Number(value);
    // Unix seconds until the year 5138; larger values are milliseconds.
    ms = n > 1e11 ? n : n * 1000;
  } else {
    ms = Date.parse(value);
  }
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** "on"/"off" for a boolean (empty when unknown). */
export function formatOnOff(value: boolean | null | undefined): string {
  return value === undefined || value === null ? "" : value ? "on" : "off";
}

/** Bits per second as kbps (`2500 kbps`). */
export function formatKbps(bitsPerSecond: number | null | undefined): string {
  if (bitsPerSecond === null || bitsPerSecond === undefined) return "";
  return `${Math.round(bitsPerSecond / 1000)} kbps`;
}

/** A length of time for people, to the minute past a minute: `45 s`, `5 min`, `2 h 10 min`, `3 d 4 h`. */
export function formatDuration(ms: number): string {
  const absolute = Math.abs(ms);
  if (absolute < 60_000) return `${Math.round(absolute / 1000)} s`;
  const minutes = Math.round(absolute / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  const rest = minutes % 60;
  if (hours > 0) return rest > 0 ? `${hours} h ${rest} min` : `${hours} h`;
  return `${rest} min`;
}
