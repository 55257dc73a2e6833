/**
 * The typed form of a monitor message: known actions validated by their schema, anything
 * else passed through as "unknown" (new actions appear; a monitor never fails on them).
 *
 * @module
 */

import * as v from "../valibot.ts";
import { type MonitorEvent, safeEmitter } from "./events.ts";
import type { MonitorFrame } from "./frame.ts";

/** A message whose action this client knows: its validated fields and the message as received. */
export interface KnownMessage<A extends string, D> {
  /** The action. */
  type: A;
  /** The message, validated (unknown fields kept). */
  data: D;
  /** The message exactly as received (what `--json` prints). */
  raw: Record<string, unknown>;
  /** When it arrived (ms). */
  receivedAt: number;
  /** Which connection brought it: 1 for the first, 2 after the first reconnect… */
  connection: number;
}

/** A message with an action this client does not know, or whose fields did not fit. */
export interface UnknownMessage {
  /** Always "unknown". */
  type: "unknown";
  /** The message's own action. */
  action: string;
  /** The message as received. */
  data: Record<string, unknown>;
  /** The message exactly as received. */
  raw: Record<string, unknown>;
  /** When it arrived (ms). */
  receivedAt: number;
  /** Which connection brought it. */
  connection: number;
  /** Set when the action is known but a field has the wrong type: the first problem. */
  invalid?: string;
}

/** Schemas by action. */
export type SchemaTable = Readonly<Record<string, v.GenericSchema<unknown, unknown>>>;

/**
 * Types a frame with the schema of its action. A known action whose fields do not fit is
 * reported (`invalid`) and delivered as unknown rather than dropped.
 */
export function typeFrame(
  frame: MonitorFrame,
  schemas: SchemaTable,
  emit: (event: MonitorEvent) => void,
): KnownMessage<string, unknown> | UnknownMessage {
  const { action, raw, receivedAt, connection } = frame;
  const schema = Object.hasOwn(schemas, action) ? schemas[action] : undefined;
  if (schema) {
    const result = v.safeParse(schema, raw);
    if (result.success) return { type: action, data: result.output, raw, receivedAt, connection };
    const issue = result.issues[0];
    const path = v.getDotPath(issue);
    const reason = `${path ? `field "${path}"` : "message"}: ${issue.message}`;
    emit({ type: "invalid", action, reason });
    return { type: "unknown", action, data: raw, raw, receivedAt, connection, invalid: reason };
  }
  return { type: "unknown", action, data: raw, raw, receivedAt, connection };
}

/**
 * Types every frame of every batch with {@link typeFrame}: the one typing loop of the chat
 * and streaming monitors. `T` is the monitor's message union.
 */
export async function* typeBatches<T>(
  batches: AsyncIterable<MonitorFrame[]>,
  schemas: SchemaTable,
  onEvent?: (event: MonitorEvent) => void,
): AsyncGenerator<T[], void, undefined> {
  const emit = safeEmitter(onEvent);
  for await (const frames of batches) {
    yield frames.map((frame) => typeFrame(frame, schemas, emit) as T);
  }
}

/**
 * One item at a time from batches; stops as soon as the signal aborts, even in the middle
 * of a batch.
 */
export async function* flatten<T>(
  batches: AsyncIterable<T[]>,
  signal?: AbortSignal,
): AsyncGenerator<T, void, undefined> {
  for await (const batch of batches) {
    for (const item of batch) {
      if (signal?.aborted) return;
      yield item;
    }
  }
}
