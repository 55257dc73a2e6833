/**
 * The baseline of bench/monitor.ts: a bare Deno WebSocket client that only counts the
 * messages of a feed. Prints `{"messages":n,"seconds":s}` for the measured window.
 *
 * Usage: deno run -A bench/bare_client.ts <url> <warmup seconds> <seconds>
 */

const [url, warmupArg, secondsArg] = Deno.args;
const warmupMs = Number(warmupArg) * 1000;
const windowMs = Number(secondsArg) * 1000;

let count = 0;
let windowStart = 0;
let windowCount = 0;
const socket = new WebSocket(url);
socket.onmessage = () => {
  count++;
};
await new Promise((resolve) => socket.addEventListener("open", resolve, { once: true }));
setTimeout(() => {
  windowStart = performance.now();
  windowCount = count;
}, warmupMs);
await new Promise((resolve) => setTimeout(resolve, warmupMs + windowMs));
const seconds = (performance.now() - windowStart) / 1000;
const messages = count - windowCount;
socket.close();
console.log(JSON.stringify({ messages, seconds }));
Deno.exit(0);
