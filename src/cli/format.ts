/**
 * Formatting of values for people: times, booleans, bitrates.
 *
 * @module
 */

/**
 * A timestamp as local date-time with its zone (`2026-11-25 18:04:05 EST`, or an offset
 * such as `+05:30` where the zone has no common abbreviation). Accepts Unix seconds, Unix
 * milliseconds (large numbers), or ISO strings; empty for null/undefined, the input as is
 * when unreadable.
 */
export function formatTime(value: number | string | null | undefined): string {
  return formatLocal(value, true);
}

/**
 * Local date-time to the minute with its zone (`2026-05-01 18:04 EDT`), for table columns:
 * seconds add width, not information, to a list of events or files.
 */
export function formatTableTime(value: number | string | null | undefined): string {
  return formatLocal(value, false);
}

/** Local time of day (`18:04:05`), for monitor lines (a live view of now needs no zone). */
export function formatClock(value: number | string | Date): string {
  const date = value instanceof Date ? value : toDate(value);
  if (date === undefined) return String(value);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

function formatLocal(value: number | string | null | undefined, seconds: boolean): string {
  if (value === null || value === undefined || value === "") return "";
  const date = toDate(value);
  if (date === undefined) return String(value);
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = seconds ? formatClock(date) : formatClock(date).slice(0, 5);
  return `${day} ${time} ${zoneName(date)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** Zone names by UTC offset (minutes): one process has one time zone. */
const zoneNames = new Map<number, string>();

/**
 * The local zone at a date: its abbreviation (`EST`, `UTC`, `CEST` where the runtime knows
 * one), else the offset (`+01:00`).
 */
export function zoneName(date: Date): string {
  const offset = date.getTimezoneOffset();
  let name = zoneNames.get(offset);
  if (name === undefined) {
    const part = new Intl.DateTimeFormat("en-US", { timeZoneName: "short" })
      .formatToParts(date).find((p) => p.type === "timeZoneName")?.value ?? "";
    name = /^[A-Z]{2,5}$/.test(part) ? part : offsetText(offset);
    zoneNames.set(offset, name);
  }
  return name;
}

/** `+05:30` for an offset of -330 minutes (getTimezoneOffset counts the other way). */
function offsetText(offset: number): string {
  const sign = offset <= 0 ? "+" : "-";
  const minutes = Math.abs(offset);
  return `${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
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

/** A span of seconds in words: `46 h 29 min`, `12 min 5 s`, `42 s`. */
export function formatSpan(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return s > 0 ? `${m} min ${s} s` : `${m} min`;
  return `${s} s`;
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
