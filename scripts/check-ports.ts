/**
 * `npm start` runs this first: a second start on a busy port stops here with one line, before it
 * spends half a minute rebuilding the H5 app that the first instance is serving.
 */
import { assertPortFree, ListenError } from '../server/src/lib/listen';

async function run(): Promise<void> {
  const host = process.env.HOST ?? '0.0.0.0';
  await assertPortFree(Number(process.env.PORT ?? 3000), host, 'PORT');
  if (!process.env.WECHAT_API_BASE) await assertPortFree(Number(process.env.WECHAT_STANDIN_PORT ?? 3901), '127.0.0.1', 'WECHAT_STANDIN_PORT');
}

run().catch((err) => {
  console.error(err instanceof ListenError ? err.message : err);
  process.exit(1);
});
