import { z } from 'zod';

/**
 * Staff password policy (first county admin from the command line, and the staff-management
 * screens): at least 10 characters, not all digits, not a well-known password, not the username.
 */
export const PASSWORD_MIN_LENGTH = 10;

/** Well-known passwords of 10+ characters (lower case); shorter ones fail the length rule anyway. */
const COMMON = new Set([
  '1234567890', '0123456789', '12345678910', '123456789a', 'a123456789', 'a1234567890', '1234567890a', 'abc1234567',
  'abc123456789', 'aa123456789', 'qq123456789', 'qwertyuiop', 'qwertyuiop123', '1qaz2wsx3edc', '1q2w3e4r5t',
  '1q2w3e4r5t6y', 'q1w2e3r4t5', 'q1w2e3r4t5y6', 'zaq12wsxcde3', 'asdfghjkl;', 'asdfghjkl1', 'zxcvbnm123',
  'zxcvbnm,./', 'qazwsxedc123', 'qazwsxedcrfv', '!qaz2wsx3edc', '1qaz@wsx3edc', '1qaz!qaz2wsx', 'password12',
  'password123', 'password1234', 'password@123', 'password!123', 'passw0rd123', 'p@ssw0rd123', 'p@ssword123',
  'administrator', 'admin123456', 'admin@12345', 'admin@123456', 'admin12345678', 'root123456', 'welcome123',
  'welcome@123', 'iloveyou123', 'iloveyou1314', 'woaini1314', 'woaini1314520', 'woaini520520', '5201314520',
  '5201314521', '1314520520', 'abcdefghij', 'abcdefg123', 'abcd123456', 'abcd1234567', 'a1b2c3d4e5',
  'a1b2c3d4e5f6', 'qwer123456', 'qwer1234567', 'qweasdzxc123', 'qweasdzxc1', '11111111111', 'aaaaaaaaaa',
  'demo@2026', 'demo@20262026', 'changeme123', 'letmein123', 'trustno1234', 'sunshine123', 'football123',
  'baseball123', 'superman123', 'princess123', 'starwars123', 'monkey123456', 'dragon123456', 'shadow123456',
  'master123456', 'computer123', 'internet123', 'china123456', 'beijing123456', 'shanghai123', 'chongqing123',
  'huawei123456', 'tencent123', 'wechat123456', 'weixin123456', 'xiaomi123456', 'baidu123456',
]);

/** Words that make a password guessable whatever digits or symbols surround them. */
const BASE_WORDS = new Set(['password', 'passwd', 'passw', 'pass', 'admin', 'administrator', 'root', 'qwerty', 'qwertyuiop', 'asdfgh', 'zxcvbn', 'welcome', 'iloveyou', 'woaini', 'demo', 'test', 'abc', 'abcdef', 'abcdefg', 'changeme', 'letmein', 'weibaotong', 'wbt']);

/** The word inside digits and symbols, with look-alike characters read as letters ("P@ssw0rd!1" → "password"). */
const leetCore = (p: string) =>
  p
    .toLowerCase()
    .replace(/^[^a-z]+|[^a-z]+$/g, '')
    .replace(/0/g, 'o')
    .replace(/@/g, 'a')
    .replace(/\$/g, 's')
    .replace(/3/g, 'e')
    .replace(/[^a-z]/g, '');
const containsUsername = (password: string, username?: string) => !!username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase());

/** Why a password is too easy to guess, or null. */
export function weakPasswordReason(password: string, username?: string): string | null {
  const lower = password.toLowerCase();
  if (/^\d+$/.test(password)) return '密码不能全是数字';
  if (new Set(password).size < 4) return '密码的字符种类太少（至少 4 种不同字符）';
  if (COMMON.has(lower)) return '这是常见密码，很容易被猜到，请换一个';
  const letters = lower.replace(/[^a-z]/g, '');
  const leet = leetCore(password);
  if (BASE_WORDS.has(letters) || BASE_WORDS.has(leet)) return '密码只是常见单词加数字或符号，很容易被猜到，请换一个';
  if (containsUsername(password, username)) return '密码不能包含用户名';
  return null;
}

export const StaffPassword = z
  .string({ error: '请输入密码' })
  .min(PASSWORD_MIN_LENGTH, `密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符`)
  .max(128, '密码不能超过128个字符')
  .superRefine((p, ctx) => {
    const reason = weakPasswordReason(p);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });

export const StaffUsername = z
  .string({ error: '请输入用户名' })
  .trim()
  .regex(/^[A-Za-z0-9_.-]{3,64}$/, '用户名为 3–64 位字母、数字、下划线、点或连字符');

/** A new staff account with its initial password (policy above, and not containing the username). */
export const NewStaffCredentials = z
  .object({
    username: StaffUsername,
    name: z.string({ error: '请输入姓名' }).trim().min(1, '请输入姓名').max(60, '姓名不能超过60个字符'),
    password: StaffPassword,
  })
  .superRefine((v, ctx) => {
    if (containsUsername(v.password, v.username)) ctx.addIssue({ code: 'custom', path: ['password'], message: '密码不能包含用户名' });
  });
export type NewStaffCredentials = z.infer<typeof NewStaffCredentials>;
