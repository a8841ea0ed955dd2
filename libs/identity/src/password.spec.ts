import { hashPassword, passwordHashing, verifyPassword } from './password';

describe('passwords', () => {
  it('verify against their scrypt hash, and nothing else does', async () => {
    const stored = await hashPassword('correct horse 马');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    await expect(verifyPassword('correct horse 马', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horse', stored)).resolves.toBe(false);
  });

  it('salt every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('refuse users without a password and malformed hashes', async () => {
    await expect(verifyPassword('x', null)).resolves.toBe(false);
    await expect(verifyPassword('x', 'md5$abc')).resolves.toBe(false);
  });
});

describe('password hashing under a burst of sign-ins', () => {
  it('runs two scrypt computations at a time and the rest in turn, each still correct', async () => {
    const burst = Array.from({ length: 5 }, (_, i) => hashPassword(`burst ${i}`));
    await new Promise((resolve) => setImmediate(resolve));
    expect(passwordHashing()).toEqual({ running: 2, waiting: 3 });
    const stored = await Promise.all(burst);
    expect(passwordHashing()).toEqual({ running: 0, waiting: 0 });
    const checks = await Promise.all(stored.map((hash, i) => verifyPassword(`burst ${i}`, hash)));
    expect(checks).toEqual([true, true, true, true, true]);
  });
});
