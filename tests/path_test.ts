import assert from "node:assert/strict";
import { posix, win32 } from "node:path";
import { basenameFor, dirnameFor, joinFor } from "../src/path.ts";

const JOINS: string[][] = [
  ["", "file.mp4"],
  [".", "file.mp4"],
  ["out", "file.mp4"],
  ["out/", "file.mp4"],
  ["/tmp/x/", "a"],
  ["/tmp//x", "./a"],
  ["a", "..", "b"],
  ["..", "a"],
  ["/", ".."],
  ["a/b", "../../.."],
  ["/home/u", ".config", "restream.io"],
  ["dir", ".name.part-1"],
  [""],
  ["a/"],
];

const PATHS = ["/tmp/out/file.mp4", "file", "dir/", "/", "a/b//", ".hidden", "/a", ""];

Deno.test("join, basename and dirname match node:path on POSIX paths", () => {
  for (const segments of JOINS) {
    assert.equal(joinFor(false, segments), posix.join(...segments), segments.join(" + "));
  }
  for (const path of PATHS) {
    assert.equal(basenameFor(false, path), posix.basename(path), `basename ${path}`);
    assert.equal(dirnameFor(false, path), posix.dirname(path), `dirname ${path}`);
  }
});

Deno.test("join, basename and dirname match node:path on Windows paths", () => {
  const joins = [...JOINS, ["C:\\Users\\me", "AppData", "restream.io"], ["C:\\a\\", "..\\b"], [
    "\\\\srv\\share",
    "x",
  ]];
  for (const segments of joins) {
    assert.equal(joinFor(true, segments), win32.join(...segments), segments.join(" + "));
  }
  for (const path of [...PATHS, "C:\\a\\b.txt", "C:\\", "a\\b", "C:\\x\\"]) {
    assert.equal(basenameFor(true, path), win32.basename(path), `basename ${path}`);
    assert.equal(dirnameFor(true, path), win32.dirname(path), `dirname ${path}`);
  }
});
