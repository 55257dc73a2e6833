/**
 * A short report of the account's events: what is live, what is coming up, and how the most
 * recent finished ones did (peak and total viewers).
 *
 *     deno run --allow-net --allow-env=RESTREAM_API_URL,RESTREAM_TOKEN examples/event_report.ts
 *
 * In this checkout `@restream/cli` is this package; in your project, `deno add jsr:@restream/cli`
 * first (or import from "jsr:@restream/cli").
 *
 * @module
 */

import { RestreamClient, RestreamError, type RestreamEvent } from "@restream/cli";

const client = new RestreamClient({
  apiUrl: Deno.env.get("RESTREAM_API_URL"),
  token: Deno.env.get("RESTREAM_TOKEN"),
});

/** Event times are Unix seconds or ISO strings (RESTREAM_API.md). */
function when(time: RestreamEvent["scheduledFor"]): string {
  if (time === null || time === undefined) return "-";
  const date = typeof time === "number" ? new Date(time * 1000) : new Date(time);
  return date.toISOString().slice(0, 16).replace("T", " ");
}

try {
  const [live, upcoming, history] = await Promise.all([
    client.listInProgressEvents(),
    client.listUpcomingEvents(),
    client.getEventHistory({ limit: 3 }),
  ]);
  console.log("Live now:");
  for (const event of live) console.log(`  ${event.title} (since ${when(event.startedAt)})`);
  console.log("Upcoming:");
  for (const event of upcoming) console.log(`  ${when(event.scheduledFor)}  ${event.title}`);
  console.log("Recent:");
  for (const event of history.items) {
    const viewers = await client.getEventViewerAnalytics(event.id).catch((error) => {
      // An event without analytics is normal (e.g. a missed one).
      if (error instanceof RestreamError && error.kind === "not_found") return undefined;
      throw error;
    });
    const stats = viewers
      ? `peak ${viewers.total.max ?? "?"}, ${viewers.total.viewsTotal ?? "?"} views`
      : "no analytics";
    console.log(`  ${when(event.finishedAt)}  ${event.title}: ${stats}`);
  }
} catch (error) {
  if (!(error instanceof RestreamError)) throw error;
  console.error(`error: ${error.message}`);
  Deno.exit(1);
}
