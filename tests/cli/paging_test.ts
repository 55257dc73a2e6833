/**
 * "More pages" hints: one wording for every paged list, after the table, on stderr, in
 * human mode; a page past the end says so.
 */

import assert from "node:assert/strict";
import { runCli } from "../../src/cli/run.ts";
import { FakeFetch } from "../support/fake_fetch.ts";
import { ENV, event, EVENT_ID, historyPage } from "../support/rest_fixtures.ts";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr as one stream, stderr lines marked `!`: shows what came first. */
  both: string;
}

async function run(argv: string[], fake: FakeFetch): Promise<Run> {
  let stdout = "";
  let stderr = "";
  let both = "";
  const code = await runCli(argv, {
    stdout: { write: (text) => void (stdout += text, both += text) },
    stderr: { write: (text) => void (stderr += text, both += `!${text}`) },
    stdoutIsTerminal: false,
    stdinIsTerminal: false,
    env: (name) => ENV[name],
    fetch: fake.fetch,
  });
  return { code, stdout, stderr, both };
}

const HISTORY = "/v2/user/events/history";

Deno.test("event history: page 1 of 3 says where the next page is, after the table, on stderr", async () => {
  const fake = new FakeFetch().on("GET", HISTORY, {
    body: historyPage([event(1, "finished")], 1, 3),
  }, { query: { page: "1", limit: "10" } });
  const result = await run(["event", "history"], fake);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(
    result.stderr,
    "more events: use --page 2 for the next page or --all for every page\n",
  );
  assert.match(result.both, /^ID\t.*\n.*\n!more events/);
});

Deno.test("event history: the last page says nothing; --json never hints", async () => {
  const fake = new FakeFetch()
    .on("GET", HISTORY, { body: historyPage([event(1, "finished")], 3, 3) }, {
      query: { page: "3", limit: "10" },
    })
    .on("GET", HISTORY, { body: historyPage([event(1, "finished")], 1, 3) }, {
      query: { page: "1", limit: "10" },
    });
  const last = await run(["event", "history", "--page", "3"], fake);
  assert.equal(last.stderr, "");
  const json = await run(["event", "history", "--json"], fake);
  assert.equal(json.stderr, "");
  fake.assertDone();
});

Deno.test("event history --page 99 past the end says so (exit 0, empty table)", async () => {
  const fake = new FakeFetch().on("GET", HISTORY, { body: historyPage([], 99, 3) }, {
    query: { page: "99", limit: "10" },
  });
  const result = await run(["event", "history", "--page", "99"], fake);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, "ID\tSTATUS\tTITLE\tSTART\tDESTS\n");
  assert.equal(result.stderr, "page 99 is past the end: there are 3 pages of events\n");
});

Deno.test("event chat --page-size 3 and clip projects say there is more, in the same words", async () => {
  const message = { timestamp: 1767000000, text: "hi", author: "a", platform: "twitch" };
  const chat = new FakeFetch().on("GET", `/v2/user/events/${EVENT_ID}/chat/history`, {
    body: { messages: [message, message, message], nextPageToken: "t2" },
  }, { query: { pageSize: "3" } });
  const chatRun = await run(["event", "chat", EVENT_ID, "--page-size", "3"], chat);
  assert.equal(chatRun.code, 0, chatRun.stderr);
  assert.equal(chatRun.stderr, "more messages: use --all for every page\n");
  assert.match(chatRun.both, /\thi\n!more messages/, "after the table");

  const projects = new FakeFetch().on("GET", "/v2/user/clips/projects", {
    body: {
      projects: [{ projectId: "p1", title: "One", createdAt: "2026-01-28T15:50:30Z" }],
      pagination: { nextCursor: "c1", hasMore: true },
    },
  });
  const clipRun = await run(["clip", "projects"], projects);
  assert.equal(clipRun.code, 0, clipRun.stderr);
  assert.equal(clipRun.stderr, "more projects: use --all for every page\n");
  assert.match(clipRun.both, /^ID\t.*\np1\t.*\n!more projects/, "after the table");
});
