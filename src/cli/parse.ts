/**
 * The command-line parser: walks the arguments against the command tree (spec.ts) and says
 * what to do: run a command with its parsed input, print help, or print the version.
 *
 * Rules (SPEC.md, "Commands" and "Arguments and bad input"):
 * - global flags are accepted before, between and after the command words, and recorded as
 *   they are met (so a run that fails to parse still knows it was asked for `--json`);
 * - a flag that takes a value takes the next word whatever it is (`--title -V` is a title);
 * - `--` ends the flags; `--name=value`, `-o value`, `-ovalue` and `-vy` are understood;
 * - every problem is a UsageError with one line naming it, and a suggestion for a typo.
 *
 * @module
 */

import { UsageError } from "../errors.ts";
import {
  type ArgSpec,
  type CommandSpec,
  flagKey,
  type FlagSpec,
  flagUsage,
  type GivenFlag,
  type Input,
  longName,
} from "./spec.ts";
import { suggestion } from "./suggest.ts";

/** A global flag: recorded as met (`set`), or an action (`help`, `version`). */
export interface GlobalFlag extends FlagSpec {
  /** `help` and `version` stop the run and print; the others are recorded. */
  action?: "help" | "version";
}

/** What the parser decided. */
export type Parsed =
  | { kind: "run"; path: readonly CommandSpec[]; input: Input }
  | { kind: "help"; path: readonly CommandSpec[] }
  | { kind: "version" };

/** The full name of a command path, e.g. "restream channel meta set". */
export function pathName(path: readonly CommandSpec[]): string {
  return path.map((c) => c.name).join(" ");
}

/** A subcommand by name. */
export function findSubcommand(node: CommandSpec, word: string): CommandSpec | undefined {
  return node.subcommands?.find((c) => c.name === word);
}

/** The unknown-command error, with a suggestion. */
export function unknownCommand(word: string, path: readonly CommandSpec[]): UsageError {
  const names = (path[path.length - 1].subcommands ?? []).map((c) => c.name);
  return new UsageError(
    `unknown command '${word}' for '${pathName(path)}'${suggestion(word, names)}`,
  );
}

/**
 * Parses one command line against the tree.
 *
 * @param onGlobal called for each global flag (not help/version) as it is met, with its value
 * @throws UsageError for anything wrong with the command line
 */
export function parseCommandLine(
  root: CommandSpec,
  globals: readonly GlobalFlag[],
  argv: readonly string[],
  onGlobal: (flag: GlobalFlag, value: unknown) => void,
): Parsed {
  const path: CommandSpec[] = [root];
  let node = root;
  const words: string[] = [];
  const given: GivenFlag[] = [];
  let help = false;
  let version = false;
  let error: UsageError | undefined;
  let lost = false; // an unknown command was met: the rest cannot be read against it
  const fail = (e: UsageError): void => void (error ??= e);

  const lookup = (name: string, short: boolean): FlagSpec | undefined => {
    const match = (f: FlagSpec): boolean => short ? f.short === name : longName(f) === `--${name}`;
    return (lost ? undefined : node.flags?.find(match)) ?? globals.find(match);
  };
  const unknownFlag = (text: string): UsageError => {
    const names = [...(node.flags ?? []), ...globals].map(longName);
    return new UsageError(`unknown flag '${text}'${suggestion(text, names)}`);
  };
  const take = (flag: FlagSpec, raw: string | undefined): void => {
    const global = globals.includes(flag as GlobalFlag) ? flag as GlobalFlag : undefined;
    if (global?.action === "help") return void (help = true);
    if (global?.action === "version") return void (version = true);
    let value: unknown = flag.type ? raw : !flag.negated;
    if (flag.type) {
      if (raw === undefined) {
        return fail(new UsageError(`flag '${longName(flag)}' needs a value (${flag.type})`));
      }
      try {
        value = convert(raw, flag.parse, flag.choices, longName(flag));
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        return fail(e);
      }
    }
    if (global) onGlobal(global, value);
    else given.push({ flag, value });
  };

  let i = 0;
  while (i < argv.length) {
    const token = argv[i++];
    if (token === "--") {
      words.push(...argv.slice(i));
      break;
    }
    if (token.startsWith("--")) {
      const eq = token.indexOf("=");
      const name = token.slice(2, eq < 0 ? undefined : eq);
      const flag = lookup(name, false);
      if (!flag) {
        fail(unknownFlag(`--${name}`));
        continue;
      }
      if (eq >= 0 && !flag.type) {
        fail(new UsageError(`flag '${longName(flag)}' takes no value`));
        continue;
      }
      take(flag, eq >= 0 ? token.slice(eq + 1) : flag.type ? argv[i++] : undefined);
      continue;
    }
    if (token.startsWith("-") && token.length > 1) {
      for (let j = 1; j < token.length; j++) {
        const flag = lookup(token[j], true);
        if (!flag) {
          fail(unknownFlag(`-${token[j]}`));
          break;
        }
        if (flag.type) {
          take(flag, j + 1 < token.length ? token.slice(j + 1) : argv[i++]);
          break;
        }
        take(flag, undefined);
      }
      continue;
    }
    if (lost) continue;
    const sub = words.length === 0 ? findSubcommand(node, token) : undefined;
    if (sub) {
      if (given.length > 0) {
        fail(
          new UsageError(
            `flag '${longName(given[0].flag)}' belongs after '${pathName(path)}'s subcommand name`,
          ),
        );
      }
      path.push(sub);
      node = sub;
      continue;
    }
    if (words.length === 0 && node.subcommands && !node.args?.length) {
      fail(unknownCommand(token, path));
      lost = true;
      continue;
    }
    words.push(token);
  }

  if (version) return { kind: "version" };
  if (help && !lost) return { kind: "help", path };
  if (error) throw error;
  if (!node.run) {
    // Words after `--` are never command names: `restream -- platforms` is not a command.
    if (words.length > 0) {
      throw new UsageError(
        `unexpected argument '${words[0]}' for '${pathName(path)}' (a command goes before '--')`,
      );
    }
    return { kind: "help", path };
  }
  return { kind: "run", path, input: finish(node, path, words, given) };
}

/** Checks and parses the positional arguments and required flags; applies defaults. */
function finish(
  node: CommandSpec,
  path: readonly CommandSpec[],
  words: readonly string[],
  given: readonly GivenFlag[],
): Input {
  const specs = node.args ?? [];
  const args: Record<string, unknown> = {};
  specs.forEach((arg, index) => {
    if (arg.variadic) {
      args[arg.name] = words.slice(index).map((w) => convertArg(w, arg));
      return;
    }
    const word = words[index];
    if (word === undefined) {
      if (!arg.optional) throw new UsageError(`missing required argument '${arg.name}'`);
      return;
    }
    args[arg.name] = convertArg(word, arg);
  });
  const max = specs.some((a) => a.variadic) ? Infinity : specs.length;
  if (words.length > max) {
    throw new UsageError(
      `too many arguments for '${pathName(path)}': expected ${max}, got ${words.length}`,
    );
  }
  const flags: Record<string, unknown> = {};
  for (const flag of node.flags ?? []) {
    const key = flagKey(flag);
    const values = given.filter((g) => g.flag === flag).map((g) => g.value);
    if (values.length > 0) flags[key] = flag.repeatable ? values : values[values.length - 1];
    else if (flag.required) {
      throw new UsageError(`missing required flag '${flagUsage(flag)}'`);
    } else if (flag.repeatable) flags[key] = [];
    else if (flag.default !== undefined) flags[key] = flag.default;
    else if (flag.negated) flags[key] = true;
  }
  return { args, flags, given };
}

function convertArg(word: string, arg: ArgSpec): unknown {
  return convert(word, arg.parse, arg.choices, arg.name);
}

function convert(
  raw: string,
  parse: ((raw: string) => unknown) | undefined,
  choices: readonly string[] | undefined,
  what: string,
): unknown {
  if (parse) return parse(raw);
  if (choices) {
    const found = choices.find((c) => c === raw.toLowerCase());
    if (found === undefined) {
      throw new UsageError(`invalid ${what} '${raw}': expected one of ${choices.join(", ")}`);
    }
    return found;
  }
  return raw;
}
