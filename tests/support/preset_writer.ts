/**
 * A child process for the concurrent-saves test: saves presets `<prefix>-0` … `<prefix>-N-1`
 * into the presets file of the config directory Deno.args[0], each in its own locked write.
 */

import { TokenStore } from "../../src/auth/token_store.ts";
import { FilePresetStore } from "../../src/preset/file_store.ts";

const [dir, prefix, count] = Deno.args;
const store = new FilePresetStore({ tokens: new TokenStore({ dir, lock: { pollMs: 5 } }) });
const account = { origin: "https://api.restream.io", profileId: 42 };
for (let i = 0; i < Number(count); i++) {
  await store.save(account, { name: `${prefix}-${i}`, channels: [i + 1] }, false);
}
