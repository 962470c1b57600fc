/**
 * A loopback TCP proxy a test controls, placed between the app and MariaDB: `cut()` drops every
 * open connection and refuses new ones (the database "goes away" for this app only), `restore()`
 * lets connections through again. The shared MariaDB itself is never touched.
 */
import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** mysql://root@127.0.0.1:<proxy port>/<db> for a database name. */
  url(database: string): string;
  cut(): void;
  restore(): void;
  /** Connections accepted so far (while not cut). */
  accepted: number;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort = 3306, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let cut = false;
  const server = net.createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    proxy.accepted += 1;
    const upstream = net.connect(targetPort, targetHost);
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const proxy: TcpProxy = {
    port,
    accepted: 0,
    url: (database) => `mysql://root@127.0.0.1:${port}/${database}`,
    cut() {
      cut = true;
      for (const s of open) s.destroy();
      open.clear();
    },
    restore() {
      cut = false;
    },
    close() {
      proxy.cut();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
