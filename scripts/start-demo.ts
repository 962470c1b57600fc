/**
 * Demo start: the loopback WeChat stand-in, then the server (which creates the database,
 * migrates, seeds the demo township when empty, and serves the API and the H5 build).
 */
import { startWechatStandin } from '../server/src/integrations/wechat/standin';
import { ListenError } from '../server/src/lib/listen';

async function run(): Promise<void> {
  if (!process.env.WECHAT_API_BASE) {
    const standin = await startWechatStandin(Number(process.env.WECHAT_STANDIN_PORT ?? 3901));
    process.env.WECHAT_API_BASE = standin.baseUrl;
    console.log(`WeChat stand-in listening on ${standin.baseUrl}`);
  }
  await import('../server/src/main');
}

run().catch((err) => {
  console.error(err instanceof ListenError ? err.message : err);
  process.exit(1);
});
