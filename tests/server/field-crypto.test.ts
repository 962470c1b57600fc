import { randomBytes } from 'node:crypto';
import { FieldCrypto } from '../../server/src/lib/fieldCrypto';

describe('FieldCrypto.decryptMany (the decryption worker)', () => {
  const k0 = { id: 'k0', key: randomBytes(32) };
  const crypto = new FieldCrypto([{ id: 'k1', key: randomBytes(32) }, k0], randomBytes(32));
  afterAll(() => crypto.close());

  it('opens what encrypt sealed, in order, nulls kept, under every key on file', async () => {
    const older = new FieldCrypto([k0], randomBytes(32));
    const plain = ['张小雨', JSON.stringify({ name: '王欣怡', dob: '2014-03-05' }), '', '😀 emoji', 'x'.repeat(70_000)];
    const sealed = [...plain.map((p) => crypto.encrypt(p)), null, older.encrypt('旧密钥')];
    expect(await crypto.decryptMany(sealed)).toEqual([...plain, null, '旧密钥']);
    expect(await crypto.decryptMany([])).toEqual([]);
  });

  it('rejects a tampered value or an unknown key id, and keeps working afterwards', async () => {
    const good = crypto.encrypt('完好');
    const [id, b64] = good.split(':');
    const raw = Buffer.from(b64, 'base64');
    raw[raw.length - 1] ^= 1;
    await expect(crypto.decryptMany([good, `${id}:${raw.toString('base64')}`])).rejects.toThrow(/authenticate/);
    const stranger = new FieldCrypto([{ id: 'k9', key: randomBytes(32) }], randomBytes(32));
    await expect(crypto.decryptMany([stranger.encrypt('别人的')])).rejects.toThrow('unknown data key id "k9"');
    expect(await crypto.decryptMany([good])).toEqual(['完好']);
  });

  it('answers concurrent batches each with its own values', async () => {
    const batches = Array.from({ length: 5 }, (_, b) => Array.from({ length: 200 }, (_, i) => `${b}-${i}`));
    const out = await Promise.all(batches.map((b) => crypto.decryptMany(b.map((p) => crypto.encrypt(p)))));
    expect(out).toEqual(batches);
  });
});
