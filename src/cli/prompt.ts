/**
 * Hidden input on the terminal (the client secret at `login`): raw mode, nothing echoed.
 *
 * @module
 */

import { RestreamError } from "../errors.ts";
import type { Writer } from "./output.ts";

const ENTER = new Set([0x0a, 0x0d]);
const CTRL_C = 0x03;
const CTRL_D = 0x04;
const BACKSPACE = new Set([0x08, 0x7f]);

/**
 * Writes `prompt` to stderr and reads one line from the terminal without echoing it.
 * Ctrl+C cancels (kind `interrupted`), since raw mode turns it into an ordinary byte.
 */
export async function promptHidden(prompt: string, stderr: Writer): Promise<string> {
  stderr.write(prompt);
  const bytes: number[] = [];
  const buffer = new Uint8Array(64);
  Deno.stdin.setRaw(true);
  try {
    for (;;) {
      const n = await Deno.stdin.read(buffer);
      if (n === null) break;
      for (const byte of buffer.subarray(0, n)) {
        if (byte === CTRL_C) throw new RestreamError("interrupted", "cancelled at the prompt");
        if (ENTER.has(byte) || byte === CTRL_D) return decode(bytes);
        if (BACKSPACE.has(byte)) bytes.pop();
        else bytes.push(byte);
      }
    }
    return decode(bytes);
  } finally {
    Deno.stdin.setRaw(false);
    stderr.write("\n");
  }
}

function decode(bytes: number[]): string {
  return new TextDecoder().decode(new Uint8Array(bytes)).trim();
}
