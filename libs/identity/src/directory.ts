import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ApprovalAuthorityEntity,
  AuthorityLevelLimitEntity,
  OrgUnitEntity,
  UserEntity,
  UserRelativeEntity,
  UserRoleEntity,
} from '@loanflow/persistence';
import {
  ApprovalLevel,
  assertCompatibleRoles,
  AuthorityLimit,
  isRole,
  LoanProduct,
  Money,
  RiskGrade,
} from '@loanflow/domain';
import type { UnitScope } from './access-scope';
import type { Principal } from './principal';

const ORG_CACHE_MS = 60_000;

/** An active user as one read gives them: the row, the roles the directory grants, the declared relatives. */
export interface Caller {
  user: UserEntity;
  roles: string[];
  relativeIdNumbers: string[];
}

type UserWithGrants = UserEntity & {
  roleRows?: UserRoleEntity[];
  relativeRows?: UserRelativeEntity[];
};

/** Users, org units and delegated authority, as the database holds them. */
@Injectable()
export class Directory {
  private orgCache?: { at: number; byCode: Map<string, OrgUnitEntity> };

  constructor(private readonly dataSource: DataSource) {}

  async findUser(username: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ username, active: true });
  }

  /**
   * An active user with their roles and declared relatives, in one statement: every request reads
   * its caller afresh (a revoked role or a new declaration counts at once), so this is the
   * product's most frequent read.
   */
  async findCaller(username: string): Promise<Caller | null> {
    const found = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .leftJoinAndMapMany('user.roleRows', UserRoleEntity, 'role', 'role.userId = user.id')
      .leftJoinAndMapMany(
        'user.relativeRows',
        UserRelativeEntity,
        'relative',
        'relative.userId = user.id',
      )
      .where('user.username = :username AND user.active = :active', { username, active: true })
      .getOne();
    if (!found) return null;
    const { roleRows = [], relativeRows = [], ...user } = found as UserWithGrants;
    return {
      user: Object.assign(new UserEntity(), user),
      roles: roleRows.map((row) => row.role),
      relativeIdNumbers: relativeRows.map((row) => row.relativeIdNumber),
    };
  }

  /** The principal for an active user; roles from the database unless the identity provider gives them. */
  async principalOf(user: UserEntity, rolesFromIdentityProvider?: string[]): Promise<Principal> {
    const [roles, relatives] = await Promise.all([
      this.dataSource.getRepository(UserRoleEntity).findBy({ userId: user.id }),
      this.dataSource.getRepository(UserRelativeEntity).findBy({ userId: user.id }),
    ]);
    return this.principalOfCaller(
      {
        user,
        roles: roles.map((row) => row.role),
        relativeIdNumbers: relatives.map((row) => row.relativeIdNumber),
      },
      rolesFromIdentityProvider,
    );
  }

  /** The principal for a caller already read; roles from the database unless the identity provider gives them. */
  async principalOfCaller(
    caller: Caller,
    rolesFromIdentityProvider?: string[],
  ): Promise<Principal> {
    const { user } = caller;
    const org = await this.orgUnit(user.orgUnitCode);
    const roleNames = rolesFromIdentityProvider ?? caller.roles;
    // Posts the bank's rules forbid one person to hold together are refused from any source: the
    // directory, an admin's change, the identity provider's roles claim (INCOMPATIBLE_ROLES).
    assertCompatibleRoles(roleNames.filter(isRole));
    return {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: roleNames.filter(isRole),
      orgUnitCode: user.orgUnitCode,
      orgUnitName: org?.name ?? user.orgUnitCode,
      orgPath: org?.path ?? `/${user.orgUnitCode}/`,
      idNumber: user.idNumber,
      relativeIdNumbers: caller.relativeIdNumbers,
    };
  }

  async principalByUsername(username: string): Promise<Principal | null> {
    const caller = await this.findCaller(username);
    return caller ? this.principalOfCaller(caller) : null;
  }

  /** Every user's display name and every unit's name, by user name and unit code. */
  async names(): Promise<{ users: Record<string, string>; units: Record<string, string> }> {
    const [users, units] = await Promise.all([
      this.dataSource
        .getRepository(UserEntity)
        .find({ select: { username: true, displayName: true } }),
      this.orgUnits(),
    ]);
    return {
      users: Object.fromEntries(users.map((user) => [user.username, user.displayName])),
      units: Object.fromEntries([...units.values()].map((unit) => [unit.code, unit.name])),
    };
  }

  async orgUnit(code: string): Promise<OrgUnitEntity | undefined> {
    return (await this.orgUnits()).get(code);
  }

  /** Org code -> path, for candidate checks. Org units change rarely: cached for a minute. */
  async orgPaths(): Promise<(code: string) => string | undefined> {
    const units = await this.orgUnits();
    return (code) => units.get(code)?.path;
  }

  /** The codes of a unit and every unit below it. */
  async subtreeCodes(code: string): Promise<string[]> {
    const units = await this.orgUnits();
    const root = units.get(code);
    if (!root) return [];
    return [...units.values()]
      .filter((unit) => unit.path.startsWith(root.path))
      .map((unit) => unit.code);
  }

  /** The units whose loans this person may see: their unit and below; all at the root (head office). */
  async scopeOf(principal: Pick<Principal, 'orgUnitCode'>): Promise<UnitScope> {
    const unit = await this.orgUnit(principal.orgUnitCode);
    if (!unit) return { all: false, unitCodes: [] };
    if (unit.parentCode === null)
      return { all: true, unitCodes: await this.subtreeCodes(unit.code) };
    return { all: false, unitCodes: await this.subtreeCodes(unit.code) };
  }

  /** The active users of one unit (not below it) who hold `role`, by user name. */
  async holdersOf(role: string, orgUnitCode: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ username: string }[]>(
      `SELECT u.username FROM app_user u JOIN user_role r ON r.user_id = u.id
        WHERE r.role = ? AND u.org_unit_code = ? AND u.active = 1 ORDER BY u.username`,
      [role, orgUnitCode],
    );
    return rows.map((row) => row.username);
  }

  /** The head office above a unit: the root of its path. */
  async rootOf(code: string): Promise<string | undefined> {
    const path = (await this.orgUnit(code))?.path;
    return path?.split('/').filter(Boolean)[0];
  }

  async authorityOf(userId: string): Promise<AuthorityLimit[]> {
    const rows = await this.dataSource.getRepository(ApprovalAuthorityEntity).findBy({ userId });
    return rows.map((row) => toLimit(row.level, row.product, row.maxRiskGrade, row.maxAmountMinor));
  }

  async authoritySchedule(): Promise<AuthorityLimit[]> {
    const rows = await this.dataSource.getRepository(AuthorityLevelLimitEntity).find();
    return rows.map((row) => toLimit(row.level, row.product, row.maxRiskGrade, row.maxAmountMinor));
  }

  private async orgUnits(): Promise<Map<string, OrgUnitEntity>> {
    if (this.orgCache && Date.now() - this.orgCache.at < ORG_CACHE_MS) return this.orgCache.byCode;
    const units = await this.dataSource.getRepository(OrgUnitEntity).find();
    this.orgCache = { at: Date.now(), byCode: new Map(units.map((unit) => [unit.code, unit])) };
    return this.orgCache.byCode;
  }
}

function toLimit(
  level: string,
  product: string,
  grade: string,
  amountMinor: string,
): AuthorityLimit {
  return {
    level: level as ApprovalLevel,
    product: product as LoanProduct,
    maxRiskGrade: grade as RiskGrade,
    maxAmount: Money.ofMinor(amountMinor),
  };
}
