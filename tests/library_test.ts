/**
 * The library surface (mod.ts): what importing it loads, that running it runs the CLI, and
 * the documentation rule for its exports.
 */

import assert from "node:assert/strict";
import { denoJson, info as denoInfo, npmPackages, staticGraph } from "./support/graph.ts";
import { withMock } from "./support/mock.ts";
import { runProcess } from "./support/subprocess.ts";

const MOD = new URL("../mod.ts", import.meta.url).pathname;

Deno.test("importing mod.ts loads no CLI code, no npm package but valibot and no mock server", async () => {
  const info = await denoInfo(MOD);
  const graph = [...staticGraph(info)];
  const npm = npmPackages(info, new Set(graph));
  assert.ok(graph.some((s) => s.endsWith("/src/client.ts")), "the walk follows imports");
  assert.deepEqual(npm.filter((p) => !p.startsWith("valibot@")), []);
  assert.deepEqual(graph.filter((s) => /\/cli\.ts$|\/src\/cli\//.test(s)), []);
  assert.deepEqual(graph.filter((s) => /\/src\/mock\/(?!types\.ts|lazy\.ts)/.test(s)), []);
});

Deno.test("running mod.ts runs the CLI (the path of deno run jsr:@restream/cli)", async () => {
  await withMock({}, async (mock) => {
    const result = await runProcess(["platforms", "--json"], {
      script: MOD,
      env: { RESTREAM_API_URL: mock.apiUrl },
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout)[0].name, "Twitch");
  });
});

interface DocTag {
  kind: string;
}
interface DocDeclaration {
  kind: string;
  jsDoc?: { doc?: string; tags?: DocTag[] };
}
interface DocSymbol {
  name: string;
  declarations: DocDeclaration[];
}

/**
 * Interfaces and type aliases a library user implements or passes as a function: they get an
 * example too. Plain data shapes (resource types, option bags) do not; their fields are
 * documented one by one, and an example of a type alone would be noise.
 */
const IMPLEMENTED_TYPES = new Set(["TokenProvider", "LoginCallbacks", "FetchLike", "EnvLookup"]);

/**
 * The rule: every export has JSDoc; every class, function and constant, and every type in
 * {@link IMPLEMENTED_TYPES}, has an `@example` in its own documentation.
 */
Deno.test("every export of mod.ts is documented; values and implemented types have an @example", async () => {
  const doc = await denoJson(["doc", "--json", MOD]) as {
    nodes: Record<string, { symbols: DocSymbol[] }>;
  };
  const symbols = Object.values(doc.nodes).flatMap((node) => node.symbols);
  assert.ok(symbols.length > 50, "deno doc lists the exports");
  const undocumented: string[] = [];
  const withoutExample: string[] = [];
  for (const symbol of symbols) {
    for (const declaration of symbol.declarations) {
      if (declaration.kind === "import") continue;
      if (!declaration.jsDoc?.doc?.trim()) undocumented.push(symbol.name);
      const isType = declaration.kind === "interface" || declaration.kind === "typeAlias";
      if (isType && !IMPLEMENTED_TYPES.has(symbol.name)) continue;
      if (!declaration.jsDoc?.tags?.some((tag) => tag.kind === "example")) {
        withoutExample.push(symbol.name);
      }
    }
  }
  assert.deepEqual(undocumented, []);
  assert.deepEqual(withoutExample, []);
  for (const name of IMPLEMENTED_TYPES) {
    assert.ok(symbols.some((s) => s.name === name), `${name} is exported`);
  }
});
