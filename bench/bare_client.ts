/**
 * The baseline of bench/monitor.ts: a bare Deno WebSocket client that reads a feed and
 * counts its messages, nothing else, until SIGINT (the server counts what it drained).
 *
 * Usage: deno run -A bench/bare_client.ts <url>
 */

let count = 0;
const socket = new WebSocket(Deno.args[0]);
socket.onmessage = () => {
  count++;
};
Deno.addSignalListener("SIGINT", () => {
  socket.close();
  console.error(`bare client: ${count} messages`);
  Deno.exit(0);
});
