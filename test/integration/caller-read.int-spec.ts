import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { Directory, DirectoryModule } from '@loanflow/identity';
import { RuntimeModule } from '@loanflow/platform';
import { UserEntity, UserRelativeEntity, UserRoleEntity } from '@loanflow/persistence';

const SUFFIX = String(Date.now() % 1_000_000_000);
const BUSY = `caller-busy-${SUFFIX}`;
const PLAIN = `caller-plain-${SUFFIX}`;
const GONE = `caller-gone-${SUFFIX}`;
const RELATIVES = ['330106198001011234', '330106198202022345', '33010619850303345X'];

/**
 * Every request reads its caller afresh in one statement (user, roles and declared relatives
 * joined): what comes back is each role and each relative once, however many of both there are,
 * an inactive user is no caller, and a role revoked or a relative declared counts at the next read.
 */
describe('the caller of a request, read in one statement', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let directory: Directory;

  async function addUser(username: string, active: boolean): Promise<string> {
    const saved = await dataSource.getRepository(UserEntity).save(
      Object.assign(new UserEntity(), {
        username,
        displayName: `测试 ${username}`,
        passwordHash: null,
        orgUnitCode: 'SB-HZ-XH',
        idNumber: '330106199001011238',
        active,
      }),
    );
    return saved.id;
  }

  beforeAll(async () => {
    process.env.WORKER_TYPES = 'test.none';
    const moduleRef = await Test.createTestingModule({
      imports: [RuntimeModule, DirectoryModule],
    }).compile();
    app = await moduleRef.createNestApplication({ logger: false }).init();
    dataSource = app.get(DataSource);
    directory = app.get(Directory);
    const busy = await addUser(BUSY, true);
    await dataSource
      .getRepository(UserRoleEntity)
      .save(['customer-manager', 'post-loan-officer'].map((role) => ({ userId: busy, role })));
    await dataSource.getRepository(UserRelativeEntity).save(
      RELATIVES.map((relativeIdNumber, i) =>
        Object.assign(new UserRelativeEntity(), {
          userId: busy,
          relativeIdNumber,
          relation: i === 0 ? 'spouse' : 'sibling',
        }),
      ),
    );
    await addUser(PLAIN, true);
    await addUser(GONE, false);
  });

  afterAll(async () => {
    await dataSource.query(`DELETE FROM app_user WHERE username IN (?, ?, ?)`, [BUSY, PLAIN, GONE]);
    await app.close();
  });

  it('gives each role and each declared relative once, decrypted', async () => {
    const caller = await directory.findCaller(BUSY);
    expect(caller?.user.username).toBe(BUSY);
    expect(caller?.user.idNumber).toBe('330106199001011238');
    expect([...(caller?.roles ?? [])].sort()).toEqual(['customer-manager', 'post-loan-officer']);
    expect([...(caller?.relativeIdNumbers ?? [])].sort()).toEqual([...RELATIVES].sort());

    const principal = await directory.principalByUsername(BUSY);
    expect(principal).toMatchObject({
      username: BUSY,
      orgUnitCode: 'SB-HZ-XH',
      idNumber: '330106199001011238',
    });
    expect(principal?.orgPath).toContain('/SB-HZ-XH/');
    expect(principal?.roles).toHaveLength(2);
    expect(principal?.relativeIdNumbers).toHaveLength(3);
  });

  it('gives a user with no roles and no relatives as such, and no inactive or unknown user', async () => {
    expect(await directory.findCaller(PLAIN)).toMatchObject({ roles: [], relativeIdNumbers: [] });
    expect(await directory.findCaller(GONE)).toBeNull();
    expect(await directory.findCaller(`caller-nobody-${SUFFIX}`)).toBeNull();
  });

  it('sees a role revoked and a relative declared at the next read', async () => {
    const { user } = (await directory.findCaller(BUSY)) ?? { user: undefined };
    await dataSource
      .getRepository(UserRoleEntity)
      .delete({ userId: user?.id, role: 'post-loan-officer' });
    await dataSource.getRepository(UserRelativeEntity).save(
      Object.assign(new UserRelativeEntity(), {
        userId: user?.id,
        relativeIdNumber: '330106196001014567',
        relation: 'parent',
      }),
    );
    const caller = await directory.findCaller(BUSY);
    expect(caller?.roles).toEqual(['customer-manager']);
    expect(caller?.relativeIdNumbers).toHaveLength(4);
    expect(caller?.relativeIdNumbers).toContain('330106196001014567');
  });

  it('agrees with the principal built from separate reads (the sign-in path)', async () => {
    const caller = await directory.findCaller(BUSY);
    if (!caller) throw new Error('the busy caller is missing');
    const joined = await directory.principalOfCaller(caller);
    const separate = await directory.principalOf(caller.user);
    expect({ ...joined, relativeIdNumbers: [...joined.relativeIdNumbers].sort() }).toEqual({
      ...separate,
      relativeIdNumbers: [...separate.relativeIdNumbers].sort(),
    });
  });
});
