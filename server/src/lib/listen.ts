import type http from 'node:http';
import net from 'node:net';

/** A port that cannot be listened on: one clear line for the operator, no stack. */
export class ListenError extends Error {}

function listenError(err: NodeJS.ErrnoException, port: number, host: string, variable: string): Error {
  if (err.code === 'EADDRINUSE')
    return new ListenError(`端口 ${port} 已被占用（${variable}）：可能已有一个未保通在运行，请先停止它或换一个端口 / port ${port} on ${host} is already in use (${variable})`);
  if (err.code === 'EACCES') return new ListenError(`没有权限监听端口 ${port}（${variable}） / no permission to listen on port ${port} (${variable})`);
  if (err.code === 'EADDRNOTAVAIL') return new ListenError(`本机没有地址 ${host}（HOST） / address ${host} is not available on this machine (HOST)`);
  return err;
}

/** server.listen that rejects with a one-line ListenError naming the variable that chose the port. */
export function listenOn(server: http.Server | net.Server, port: number, host: string, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => reject(listenError(err, port, host, variable));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.removeListener('error', onError);
      resolve();
    });
  });
}

/** Fails fast, before any slow start-up work, when the port is taken. */
export async function assertPortFree(port: number, host: string, variable: string): Promise<void> {
  if (port === 0) return;
  const probe = net.createServer();
  await listenOn(probe, port, host, variable);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}
