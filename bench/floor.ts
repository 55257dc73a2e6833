/**
 * The floor of a command that talks to the API (SPEC.md, "Start-up"): fetch one local URL,
 * valibot-parse the body, print it. `bench/startup.ts` runs it the way it runs the CLI, and
 * `platforms --json` and `channel list --json` are measured against it.
 *
 * Usage: `deno run -A bench/floor.ts <url>`
 *
 * @module
 */

import * as v from "valibot";

const Item = v.looseObject({ id: v.number(), name: v.optional(v.string()) });

const response = await fetch(Deno.args[0]);
const items = v.parse(v.array(Item), await response.json());
console.log(JSON.stringify(items, null, 2));
