import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP relay between clients and a Keel process, so a test can cut the network (every socket
 * through it closes, and new ones are refused) without touching the server, and can point the
 * same address at a restarted server on another port.
 */
export interface TestProxy {
  port: number;
  /** The base URL clients use, such as http://127.0.0.1:1234. */
  url: string;
  /** Ends every relayed connection and refuses new ones until {@link restore}. */
  cut(): void;
  restore(): void;
  /** Relays new connections to another port from now on. */
  retarget(port: number): void;
  close(): Promise<void>;
}

/** Starts a relay to `targetPort` on 127.0.0.1. */
export async function startProxy(targetPort: number): Promise<TestProxy> {
  let target = targetPort;
  let open = true;
  const sockets = new Set<Socket>();

  const server: Server = createServer((client) => {
    if (!open) {
      client.destroy();
      return;
    }
    const upstream = connect(target, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  const cut = () => {
    open = false;
    for (const socket of sockets) socket.destroy();
  };
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    cut,
    restore: () => {
      open = true;
    },
    retarget: (next) => {
      target = next;
    },
    close: async () => {
      cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
