import type { Config } from './config';
import type { Db } from './db/client';
import type { SmsClient } from './integrations/sms/client';
import type { WechatClient } from './integrations/wechat/client';
import type { Clock } from './lib/clock';
import type { FieldCrypto } from './lib/fieldCrypto';
import type { Logger } from './logger';

/** Everything a service may depend on from outside its module, injected once. */
export interface AppDeps {
  config: Config;
  db: Db;
  logger: Logger;
  clock: Clock;
  wechat: WechatClient;
  sms: SmsClient;
  crypto: FieldCrypto;
}
