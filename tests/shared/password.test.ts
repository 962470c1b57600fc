import { NewStaffCredentials, StaffPassword } from '@wbt/shared';

const why = (password: string) => {
  const r = StaffPassword.safeParse(password);
  return r.success ? null : r.error.issues.map((i) => i.message).join('；');
};

describe('staff password policy', () => {
  it('refuses short, all-digit, repetitive and well-known passwords, saying why', () => {
    expect(why('Ab3$efgh9')).toMatch(/至少需要 10 个字符/);
    expect(why('13800138000')).toMatch(/全是数字/);
    expect(why('aaaaaaaaaaaa')).toMatch(/字符种类太少/);
    expect(why('abababababab')).toMatch(/字符种类太少/);
    expect(why('qwertyuiop')).toMatch(/常见密码/);
    expect(why('1qaz2wsx3edc')).toMatch(/常见密码/);
    expect(why('Password@2026')).toMatch(/常见单词/);
    expect(why('P@ssw0rd!!2026')).toMatch(/常见单词/);
    expect(why('Admin123456789')).toMatch(/常见单词/);
    expect(why('x'.repeat(129) + 'ab1')).toMatch(/128/);
  });

  it('accepts a long passphrase', () => {
    expect(why('Tongguan-Station-2026')).toBeNull();
    expect(why('春天的铜罐驿镇很安静')).toBeNull();
  });

  it('refuses a password that contains the username, on the password field', () => {
    const r = NewStaffCredentials.safeParse({ username: 'liuchunmei', name: '刘春梅', password: 'liuchunmei-2026!' });
    expect(r.success).toBe(false);
    expect(r.error!.issues).toEqual([expect.objectContaining({ path: ['password'], message: '密码不能包含用户名' })]);
  });
});
