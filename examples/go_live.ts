/**
 * "Go live": enable the channels a show streams to and give them all the show's title.
 *
 *     deno run --allow-net --allow-env=RESTREAM_API_URL,RESTREAM_TOKEN \
 *       examples/go_live.ts "Speedrun Friday #42" 1030301 1030302
 *
 * In this checkout `@restream/cli` is this package; in your project, `deno add jsr:@restream/cli`
 * first (or import from "jsr:@restream/cli").
 *
 * With no channel ids, every channel is enabled. Other channels are left as they are. Try it
 * against the mock server: `restream mock serve > mock.env &`, then `. ./mock.env`.
 *
 * @module
 */

import { RestreamClient, RestreamError } from "@restream/cli";

const [title, ...ids] = Deno.args;
if (!title) {
  console.error("usage: go_live.ts <title> [channel-id…]");
  Deno.exit(2);
}

const client = new RestreamClient({
  apiUrl: Deno.env.get("RESTREAM_API_URL"),
  token: Deno.env.get("RESTREAM_TOKEN"),
});

try {
  const channels = await client.listChannels();
  const wanted = ids.length === 0 ? channels : ids.map((id) => {
    const channel = channels.find((c) => c.id === Number(id));
    if (!channel) throw new RestreamError("not_found", `no channel ${id}`);
    return channel;
  });
  for (const channel of wanted) {
    if (!channel.enabled) await client.updateChannel(channel.id, { active: true });
    await client.updateChannelMeta(channel.id, { title });
    console.log(`${channel.id}\t${channel.displayName ?? ""}\tlive as "${title}"`);
  }
} catch (error) {
  if (!(error instanceof RestreamError)) throw error;
  console.error(`error: ${error.message}`);
  Deno.exit(1);
}
