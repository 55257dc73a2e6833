import assert from "node:assert/strict";
import { compileJobs, parseCompileArgs, TARGETS } from "../scripts/compile.ts";
import { outputWithin } from "./support/deadline.ts";

const ROOT = new URL("..", import.meta.url).pathname;

Deno.test("compile: this machine by default, to dist/restream, narrow permissions, no -A", () => {
  const [job] = compileJobs({ hostOs: "linux" });
  assert.equal(job.target, undefined);
  assert.deepEqual(job.args.slice(-3), ["--output", "dist/restream", "cli.ts"]);
  assert.ok(job.args.includes("--allow-run=xdg-open"));
  assert.ok(job.args.includes("--allow-read") && job.args.includes("--allow-write"));
  assert.ok(job.args.includes("--no-prompt"));
  assert.ok(job.args.some((a) => a.startsWith("--allow-net=api.restream.io,")));
  assert.ok(!job.args.includes("-A") && !job.args.includes("--allow-net"));
});

Deno.test("compile: each target gets its own output and browser opener", () => {
  const jobs = compileJobs({ all: true });
  assert.deepEqual(jobs.map((j) => j.target), Object.keys(TARGETS));
  const windows = jobs.find((j) => j.target === "x86_64-pc-windows-msvc")!;
  assert.ok(windows.args.includes("--allow-run=rundll32"));
  assert.ok(windows.args.includes("dist/x86_64-pc-windows-msvc/restream.exe"));
  const mac = jobs.find((j) => j.target === "aarch64-apple-darwin")!;
  assert.ok(mac.args.includes("--allow-run=open"));
  assert.deepEqual(mac.args.slice(-5), [
    "--target",
    "aarch64-apple-darwin",
    "--output",
    "dist/aarch64-apple-darwin/restream",
    "cli.ts",
  ]);
});

Deno.test("compile: --config-dir narrows read and write to . and the directory", () => {
  const [job] = compileJobs(parseCompileArgs(["--config-dir=/home/me/.config/restream.io"]));
  assert.ok(job.args.includes("--allow-read=.,/home/me/.config/restream.io"));
  assert.ok(job.args.includes("--allow-write=.,/home/me/.config/restream.io"));
});

Deno.test("compile: arguments are checked", () => {
  assert.deepEqual(parseCompileArgs(["--target", "x86_64-apple-darwin"]), {
    target: "x86_64-apple-darwin",
  });
  assert.throws(() => compileJobs({ target: "mips-unknown-linux" }), /unknown target 'mips/);
  assert.throws(() => parseCompileArgs(["--all", "--target=x86_64-apple-darwin"]), /exclude/);
  assert.throws(() => parseCompileArgs(["--target"]), /needs a value/);
  assert.throws(() => parseCompileArgs(["--output", "x"]), /unknown argument/);
});

Deno.test("deno task compile passes its arguments to the script (checked before compiling)", async () => {
  const out = await outputWithin(Deno.execPath(), {
    args: ["task", "--quiet", "compile", "--target", "mips-unknown-linux"],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  });
  assert.equal(out.code, 2);
  assert.match(new TextDecoder().decode(out.stderr), /unknown target 'mips-unknown-linux'/);
});
