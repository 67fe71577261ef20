import net from 'node:net';

/** A TCP relay in front of the server that can drop every connection, as a dead spot does. */
export interface DeadSpot {
  /** The relay's origin, to open in the browser. */
  url: string;
  /** Drops open connections and refuses new ones: nothing reaches the server, not even the service worker's fetches. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/**
 * Starts a relay to `target`. The browser's own offline switch does not reach a service worker's
 * fetches in every version, so the tests cut the wire as well.
 */
export async function startDeadSpot(target: string): Promise<DeadSpot> {
  const to = new URL(target);
  const open = new Set<net.Socket>();
  let up = true;
  const relay = net.createServer((client) => {
    if (!up) return void client.destroy();
    const server = net.connect(Number(to.port), to.hostname);
    const drop = () => {
      client.destroy();
      server.destroy();
      open.delete(client);
      open.delete(server);
    };
    open.add(client).add(server);
    client.on('error', drop).on('close', drop);
    server.on('error', drop).on('close', drop);
    client.pipe(server).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const { port } = relay.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    cut() {
      up = false;
      for (const socket of open) socket.destroy();
      open.clear();
    },
    restore() {
      up = true;
    },
    close: () => new Promise<void>((resolve) => {
      for (const socket of open) socket.destroy();
      relay.close(() => resolve());
    }),
  };
}
