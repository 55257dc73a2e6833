/**
 * What importing a module evaluates, from `deno info --json`: {@link staticGraph} follows
 * static value imports only. Dynamic `import()`s are marked `isDynamic`, and `import type`
 * dependencies carry only a `type` (no `code`) entry, so both are left out.
 */

import assert from "node:assert/strict";
import { outputWithin } from "./deadline.ts";

/** Runs `deno <args>` and parses its JSON output. */
export async function denoJson(args: string[]): Promise<unknown> {
  const out = await outputWithin(Deno.execPath(), { args });
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

/** One import of a module, as `deno info --json` lists it. */
export interface InfoDependency {
  code?: { specifier: string };
  isDynamic?: boolean;
}
/** One module of the graph. */
export interface InfoModule {
  specifier: string;
  dependencies?: InfoDependency[];
  npmPackage?: string;
}

/** The parts of `deno info --json` the walk reads. */
export interface Info {
  roots: string[];
  modules: InfoModule[];
  redirects: Record<string, string>;
}

/** `deno info --json` of a file. */
export async function info(path: string): Promise<Info> {
  return await denoJson(["info", "--json", path]) as Info;
}

/** Every module reached from the roots through the imports `follows` accepts. */
function walk(info: Info, follows: (dep: InfoDependency) => boolean): Set<string> {
  const byName = new Map(info.modules.map((m) => [m.specifier, m]));
  const seen = new Set<string>();
  const visit = (specifier: string): void => {
    const resolved = info.redirects[specifier] ?? specifier;
    if (seen.has(resolved)) return;
    seen.add(resolved);
    for (const dep of byName.get(resolved)?.dependencies ?? []) {
      if (dep.code && follows(dep)) visit(dep.code.specifier);
    }
  };
  info.roots.forEach(visit);
  return seen;
}

/** Every module importing the roots evaluates: static value imports only (no dynamic, no types). */
export function staticGraph(info: Info): Set<string> {
  return walk(info, (dep) => !dep.isDynamic);
}

/** Every module importing the roots may evaluate: static and dynamic imports (no types). */
export function fullGraph(info: Info): Set<string> {
  return walk(info, () => true);
}

/** The npm packages among the modules of a graph. */
export function npmPackages(info: Info, graph: Set<string>): string[] {
  return info.modules.filter((m) => graph.has(m.specifier) && m.npmPackage)
    .map((m) => m.npmPackage!);
}

/** The local modules (dynamic imports included) that import an npm package by value. */
export function importersOf(info: Info, name: string): string[] {
  const names = (dep: InfoDependency): boolean =>
    dep.code?.specifier.startsWith(`npm:/${name}@`) === true ||
    dep.code?.specifier.startsWith(`npm:${name}@`) === true;
  return info.modules
    .filter((m) => m.specifier.startsWith("file:") && (m.dependencies ?? []).some(names))
    .map((m) => m.specifier);
}
