/**
 * valibot, re-exported: every module of this package imports it from here, never from
 * `"valibot"` directly.
 *
 * Why: Deno resolves the npm packages of the module graph in one round per module that names
 * one, and each round waits on the npm snapshot and its file lock. With twenty schema files
 * naming `"valibot"`, that was twenty rounds (15–35 ms here) at every start-up, even `--help`,
 * because Deno also walks the graph behind `import()` before running anything. One module
 * naming it makes one round (tests/cli/startup_graph_test.ts keeps it that way).
 *
 * @module
 */

export * from "valibot";
