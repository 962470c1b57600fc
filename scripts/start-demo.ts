/**
 * Demo start: the loopback WeChat and SMS stand-ins, then the server (which creates the database,
 * migrates, seeds the demo township when empty, and serves the API and the H5 build).
 */
import { startSmsStandin } from '../server/src/integrations/sms/standin';
import { startWechatStandin } from '../server/src/integrations/wechat/standin';
import { ListenError } from '../server/src/lib/listen';

async function run(): Promise<void> {
  if (!process.env.WECHAT_API_BASE) {
    const standin = await startWechatStandin(Number(process.env.WECHAT_STANDIN_PORT ?? 3901));
    process.env.WECHAT_API_BASE = standin.baseUrl;
    console.log(`WeChat stand-in listening on ${standin.baseUrl}`);
  }
  if (!process.env.SMS_API_BASE) {
    // No phone receives the stand-in's messages: print each sign-in code so the demo can use it.
    const sms = await startSmsStandin({
      port: Number(process.env.SMS_STANDIN_PORT ?? 3902),
      onSend: (m) => console.log(`SMS stand-in: code ${m.params.code} for ${m.to.slice(0, 3)}****${m.to.slice(-4)}`),
    });
    process.env.SMS_API_BASE = sms.baseUrl;
    console.log(`SMS stand-in listening on ${sms.baseUrl} (sent messages: ${sms.baseUrl}/__standin/messages)`);
  }
  await import('../server/src/main');
}

run().catch((err) => {
  console.error(err instanceof ListenError ? err.message : err);
  process.exit(1);
});
