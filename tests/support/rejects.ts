/** Assertion helper shared by the library tests. */

import assert from "node:assert/strict";
import { RestreamError } from "../../src/errors.ts";

/** Awaits a promise that must reject with a RestreamError, and returns that error. */
export async function rejects(promise: Promise<unknown>): Promise<RestreamError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RestreamError, `not a RestreamError: ${error}`);
    return error;
  }
  assert.fail("expected a rejection");
}
