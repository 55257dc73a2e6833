/**
 * A tiny WebSocket server for monitor tests, on 127.0.0.1 and a free port. It can refuse the
 * handshake with 401 for a bad `accessToken`, send scripted messages, drop connections and
 * stay silent. `close()` closes every socket it accepted, then the server (Deno's
 * `shutdown()` leaves upgraded sockets open, so the sanitizers would catch them).
 */

/** One accepted connection. */
export class ServerConnection {
  /** The server side of the socket. */
  readonly socket: WebSocket;
  /** The `accessToken` the client sent. */
  readonly token: string | null;
  /** Resolves when the socket is open (messages can be sent). */
  readonly opened: Promise<void>;
  /** Resolves when the socket has closed, with the close code. */
  readonly closed: Promise<number>;

  constructor(socket: WebSocket, token: string | null) {
    this.socket = socket;
    this.token = token;
    this.opened = new Promise((resolve) => {
      if (socket.readyState === WebSocket.OPEN) resolve();
      else socket.addEventListener("open", () => resolve(), { once: true });
    });
    this.closed = new Promise((resolve) => {
      socket.addEventListener("close", (e) => resolve(e.code), { once: true });
    });
  }

  /** Sends a message: objects as JSON, strings as they are. */
  send(message: unknown): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    this.socket.send(typeof message === "string" ? message : JSON.stringify(message));
  }

  /** Closes the connection from the server side and waits until it is closed. */
  async drop(code = 1011, reason = "dropped"): Promise<void> {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.close(code, reason);
    await this.closed;
  }
}

/** Options of {@link WsTestServer.start}. */
export interface WsTestServerOptions {
  /** Tokens accepted; any other (or none) gets 401. Without it every token is accepted. */
  acceptToken?: (token: string | null) => boolean;
  /** Runs for each accepted connection once it is open (send a script, drop, stay silent). */
  onConnection?: (connection: ServerConnection, index: number) => void | Promise<void>;
  /**
   * Answers handshakes with this HTTP status instead of upgrading: every one, or those the
   * function gives a status for (it gets the handshake's index, from 0).
   */
  refuseStatus?: number | ((handshake: number) => number | undefined);
}

/** The server. */
export class WsTestServer {
  /** Every accepted connection, in order. */
  readonly connections: ServerConnection[] = [];
  /** The `accessToken` of every handshake, accepted or refused, in order. */
  readonly handshakes: (string | null)[] = [];
  /** Options; may be changed between connections. */
  options: WsTestServerOptions;
  readonly #server: Deno.HttpServer<Deno.NetAddr>;
  #waiters: Array<{ count: number; resolve: () => void }> = [];

  private constructor(options: WsTestServerOptions) {
    this.options = options;
    this.#server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      (request) => this.#handle(request),
    );
  }

  /** Starts a server on a free loopback port. */
  static start(options: WsTestServerOptions = {}): WsTestServer {
    return new WsTestServer(options);
  }

  /** The WebSocket URL of the server (`ws://127.0.0.1:port/ws`). */
  get url(): string {
    return `ws://127.0.0.1:${this.#server.addr.port}/ws`;
  }

  /** Resolves once `count` connections have been accepted and opened. */
  async waitForConnections(count: number): Promise<ServerConnection> {
    if (this.connections.length < count) {
      await new Promise<void>((resolve) => this.#waiters.push({ count, resolve }));
    }
    const connection = this.connections[count - 1];
    await connection.opened;
    return connection;
  }

  /** Closes every socket, then the server. */
  async close(): Promise<void> {
    await Promise.all(this.connections.map((c) => c.drop(1001, "server closing")));
    await this.#server.shutdown();
  }

  #handle(request: Request): Response {
    const token = new URL(request.url).searchParams.get("accessToken");
    const index = this.handshakes.push(token) - 1;
    const refuse = this.options.refuseStatus;
    const status = typeof refuse === "function" ? refuse(index) : refuse;
    if (status !== undefined) return new Response("refused", { status });
    if (this.options.acceptToken && !this.options.acceptToken(token)) {
      return new Response('{"error":"invalid_token"}', { status: 401 });
    }
    if (request.headers.get("upgrade") !== "websocket") {
      return new Response("expected a WebSocket", { status: 426 });
    }
    const { socket, response } = Deno.upgradeWebSocket(request);
    const connection = new ServerConnection(socket, token);
    const accepted = this.connections.push(connection) - 1;
    connection.opened.then(() => {
      this.#waiters = this.#waiters.filter((w) => {
        if (this.connections.length < w.count) return true;
        w.resolve();
        return false;
      });
      return this.options.onConnection?.(connection, accepted);
    });
    return response;
  }
}

/** A port on 127.0.0.1 where nothing listens (for "connection refused"). */
export function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}
