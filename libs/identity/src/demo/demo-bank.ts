import { DataSource, EntityManager } from 'typeorm';
import {
  ApprovalAuthorityEntity,
  AuthorityLevelLimitEntity,
  OrgUnitEntity,
  UserEntity,
  UserRelativeEntity,
  UserRoleEntity,
} from '@loanflow/persistence';
import { assertCompatibleRoles, Role } from '@loanflow/domain';
import { hashPassword } from '../password';

/** Every demo user signs in with this password. */
export const DEMO_PASSWORD = 'LoanFlow#2026';

const ORG_UNITS: [
  code: string,
  name: string,
  kind: OrgUnitEntity['kind'],
  parent: string | null,
][] = [
  ['HO', '总行 Head office', 'head-office', null],
  ['BR-HZ', '杭州分行 Hangzhou branch', 'branch', 'HO'],
  ['SB-HZ-XH', '西湖支行 Xihu sub-branch', 'sub-branch', 'BR-HZ'],
  ['SB-HZ-BJ', '滨江支行 Binjiang sub-branch', 'sub-branch', 'BR-HZ'],
  ['BR-NB', '宁波分行 Ningbo branch', 'branch', 'HO'],
  ['SB-NB-YZ', '鄞州支行 Yinzhou sub-branch', 'sub-branch', 'BR-NB'],
];

interface DemoUser {
  username: string;
  displayName: string;
  org: string;
  roles: Role[];
  idNumber: string;
  approvalLevel?: 'branch' | 'center' | 'committee';
  relatives?: [idNumber: string, relation: string][];
}

export const DEMO_USERS: DemoUser[] = [
  {
    username: 'li.cm',
    displayName: '李娜 Li Na',
    org: 'SB-HZ-XH',
    roles: ['customer-manager'],
    idNumber: '330106198503152011',
  },
  {
    username: 'zhou.cm',
    displayName: '周强 Zhou Qiang',
    org: 'BR-HZ',
    roles: ['customer-manager', 'reviewer'],
    idNumber: '330106197205064019',
  },
  {
    username: 'sun.cm',
    displayName: '孙丽 Sun Li',
    org: 'SB-NB-YZ',
    roles: ['customer-manager'],
    idNumber: '330203197911113013',
  },
  {
    username: 'wang.reviewer',
    displayName: '王磊 Wang Lei',
    org: 'BR-HZ',
    roles: ['reviewer'],
    idNumber: '330106196809095559',
    relatives: [['330106198808082341', 'spouse']],
  },
  {
    username: 'qian.reviewer',
    displayName: '钱芳 Qian Fang',
    org: 'BR-HZ',
    roles: ['reviewer'],
    idNumber: '330106197603036662',
  },
  {
    username: 'he.reviewer',
    displayName: '何平 He Ping',
    org: 'BR-NB',
    roles: ['reviewer'],
    idNumber: '330102198107077771',
  },
  {
    username: 'zhao.approver',
    displayName: '赵敏 Zhao Min',
    org: 'BR-HZ',
    roles: ['approver'],
    idNumber: '330106196904128881',
    approvalLevel: 'branch',
  },
  {
    username: 'feng.approver',
    displayName: '冯刚 Feng Gang',
    org: 'BR-NB',
    roles: ['approver'],
    idNumber: '330203197001015211',
    approvalLevel: 'branch',
  },
  {
    username: 'chen.center',
    displayName: '陈静 Chen Jing',
    org: 'BR-HZ',
    roles: ['center-manager', 'approver'],
    idNumber: '330106197101012011',
    approvalLevel: 'center',
  },
  {
    username: 'wu.center',
    displayName: '吴刚 Wu Gang',
    org: 'BR-NB',
    roles: ['center-manager', 'approver'],
    idNumber: '330203197202022012',
    approvalLevel: 'center',
  },
  {
    username: 'xu.committee',
    displayName: '徐涛 Xu Tao',
    org: 'HO',
    roles: ['committee-member', 'approver'],
    idNumber: '330102196601012018',
    approvalLevel: 'committee',
  },
  {
    username: 'lu.committee',
    displayName: '陆云 Lu Yun',
    org: 'HO',
    roles: ['committee-member', 'approver'],
    idNumber: '330102196702022012',
    approvalLevel: 'committee',
  },
  {
    username: 'zheng.committee',
    displayName: '郑华 Zheng Hua',
    org: 'HO',
    roles: ['committee-member', 'approver'],
    idNumber: '330102196903032014',
    approvalLevel: 'committee',
  },
  {
    username: 'ma.mortgage',
    displayName: '马超 Ma Chao',
    org: 'BR-HZ',
    roles: ['mortgage-clerk'],
    idNumber: '330106198001012019',
  },
  {
    username: 'hu.supervisor',
    displayName: '胡军 Hu Jun',
    org: 'BR-HZ',
    roles: ['disbursement-supervisor'],
    idNumber: '33010619790101201X',
  },
  {
    username: 'guo.postloan',
    displayName: '郭红 Guo Hong',
    org: 'BR-HZ',
    roles: ['post-loan-officer'],
    idNumber: '330106198201012013',
  },
  {
    username: 'lin.collection',
    displayName: '林峰 Lin Feng',
    org: 'BR-HZ',
    roles: ['collection-officer'],
    idNumber: '330106198301012010',
  },
  {
    username: 'tang.legal',
    displayName: '唐宁 Tang Ning',
    org: 'HO',
    roles: ['legal-officer'],
    idNumber: '330102197501012015',
  },
  {
    username: 'yang.risk',
    displayName: '杨帆 Yang Fan',
    org: 'HO',
    roles: ['risk-manager'],
    idNumber: '330102197601012012',
  },
  {
    username: 'song.archive',
    displayName: '宋雪 Song Xue',
    org: 'BR-HZ',
    roles: ['archive-officer'],
    idNumber: '330106198401012018',
  },
  {
    username: 'jiang.audit',
    displayName: '蒋文 Jiang Wen',
    org: 'HO',
    roles: ['auditor'],
    idNumber: '33010219770101201X',
  },
  {
    username: 'deng.designer',
    displayName: '邓辉 Deng Hui',
    org: 'HO',
    roles: ['process-designer'],
    idNumber: '33010219850101201X',
  },
  {
    username: 'admin',
    displayName: '系统管理员 Administrator',
    org: 'HO',
    roles: ['admin'],
    idNumber: '330102198001012013',
  },
];

/** The delegation schedule (授权方案): per level and product, the riskiest grade and largest amount, in fen. */
export const DEMO_AUTHORITY_SCHEDULE: [
  level: string,
  product: string,
  maxGrade: string,
  maxAmountMinor: bigint,
][] = [
  ['branch', 'consumer', 'B', 300_000_00n],
  ['branch', 'housing', 'B', 2_000_000_00n],
  ['branch', 'business', 'B', 500_000_00n],
  ['center', 'consumer', 'C', 1_000_000_00n],
  ['center', 'housing', 'C', 5_000_000_00n],
  ['center', 'business', 'C', 2_000_000_00n],
  ['committee', 'consumer', 'D', 100_000_000_00n],
  ['committee', 'housing', 'D', 100_000_000_00n],
  ['committee', 'business', 'D', 100_000_000_00n],
];

/**
 * A realistic small bank: head office, two branches with sub-branches, several users per role and
 * approvers at three levels. Safe to run again: it updates what it finds.
 */
export async function seedDemoBank(
  dataSource: DataSource,
): Promise<{ users: number; orgUnits: number }> {
  // The demo bank keeps the bank's own rules: no one holds posts that may not be combined.
  for (const user of DEMO_USERS) assertCompatibleRoles(user.roles);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await dataSource.transaction(async (manager) => {
    await seedOrgUnits(manager);
    for (const [level, product, maxRiskGrade, amount] of DEMO_AUTHORITY_SCHEDULE) {
      await manager.upsert(
        AuthorityLevelLimitEntity,
        { level, product, maxRiskGrade, maxAmountMinor: amount.toString() },
        ['level', 'product'],
      );
    }
    for (const user of DEMO_USERS) await seedUser(manager, user, passwordHash);
  });
  return { users: DEMO_USERS.length, orgUnits: ORG_UNITS.length };
}

async function seedOrgUnits(manager: EntityManager): Promise<void> {
  const paths = new Map<string, string>();
  for (const [code, name, kind, parent] of ORG_UNITS) {
    const path = `${parent ? paths.get(parent) : '/'}${code}/`;
    paths.set(code, path);
    await manager.upsert(OrgUnitEntity, { code, name, kind, parentCode: parent, path }, ['code']);
  }
}

async function seedUser(
  manager: EntityManager,
  user: DemoUser,
  passwordHash: string,
): Promise<void> {
  await manager.upsert(
    UserEntity,
    {
      username: user.username,
      displayName: user.displayName,
      orgUnitCode: user.org,
      idNumber: user.idNumber,
      passwordHash,
      active: true,
    },
    ['username'],
  );
  const { id } = await manager.findOneByOrFail(UserEntity, { username: user.username });
  await manager.delete(UserRoleEntity, { userId: id });
  await manager.insert(
    UserRoleEntity,
    user.roles.map((role) => ({ userId: id, role })),
  );
  await manager.delete(UserRelativeEntity, { userId: id });
  for (const [relativeIdNumber, relation] of user.relatives ?? []) {
    await manager.insert(UserRelativeEntity, { userId: id, relativeIdNumber, relation });
  }
  await manager.delete(ApprovalAuthorityEntity, { userId: id });
  if (user.approvalLevel) {
    for (const [level, product, maxRiskGrade, amount] of DEMO_AUTHORITY_SCHEDULE.filter(
      ([level]) => level === user.approvalLevel,
    )) {
      await manager.insert(ApprovalAuthorityEntity, {
        userId: id,
        level,
        product,
        maxRiskGrade,
        maxAmountMinor: amount.toString(),
      });
    }
  }
}
