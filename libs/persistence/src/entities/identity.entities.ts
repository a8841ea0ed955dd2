import { encrypted } from '../crypto/field-crypto';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** 机构: head office, branch or sub-branch. The path (/HO/BR-HZ/) makes subtree queries a prefix match. */
@Entity({ name: 'org_unit' })
export class OrgUnitEntity {
  @PrimaryColumn({ type: 'varchar', length: 32, name: 'code' })
  code!: string;

  @Column({ type: 'varchar', length: 100, name: 'name' })
  name!: string;

  @Column({ type: 'varchar', length: 16, name: 'kind' })
  kind!: 'head-office' | 'branch' | 'sub-branch';

  @Column({ type: 'varchar', length: 32, name: 'parent_code', nullable: true })
  parentCode!: string | null;

  @Column({ type: 'varchar', length: 255, name: 'path' })
  path!: string;
}

@Entity({ name: 'app_user' })
export class UserEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 64, name: 'username', unique: true })
  username!: string;

  @Column({ type: 'varchar', length: 100, name: 'display_name' })
  displayName!: string;

  /** scrypt$N$r$p$salt$hash; null for users who only sign in through the bank's identity provider. */
  @Column({ type: 'varchar', length: 255, name: 'password_hash', nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'varchar', length: 32, name: 'org_unit_code' })
  orgUnitCode!: string;

  /** The user's own national ID number, for conflict-of-interest checks. */
  @Column({
    type: 'varchar',
    length: 255,
    name: 'id_number',
    nullable: true,
    transformer: encrypted('app_user.id_number'),
  })
  idNumber!: string | null;

  @Column({ type: 'boolean', name: 'active', default: true })
  active!: boolean;

  @CreateDateColumn({ type: 'datetime', precision: 3, name: 'created_at' })
  createdAt!: Date;
}

@Entity({ name: 'user_role' })
export class UserRoleEntity {
  @PrimaryColumn({ type: 'bigint', name: 'user_id' })
  userId!: string;

  @PrimaryColumn({ type: 'varchar', length: 32, name: 'role' })
  role!: string;
}

/** Relatives a user has declared (亲属申报): they may not work on those people's loans. */
@Entity({ name: 'user_relative' })
export class UserRelativeEntity {
  @PrimaryColumn({ type: 'bigint', name: 'user_id' })
  userId!: string;

  /** Blind index of the relative's ID number (set on write). */
  @PrimaryColumn({ type: 'char', length: 64, name: 'relative_id_number_index' })
  relativeIdNumberIndex!: string;

  @Column({
    type: 'varchar',
    length: 255,
    name: 'relative_id_number',
    transformer: encrypted('user_relative.relative_id_number'),
  })
  relativeIdNumber!: string;

  @Column({ type: 'varchar', length: 32, name: 'relation' })
  relation!: string;
}

/** The bank's delegation schedule (授权方案): what each approval level may approve. */
@Entity({ name: 'authority_level_limit' })
export class AuthorityLevelLimitEntity {
  @PrimaryColumn({ type: 'varchar', length: 16, name: 'level' })
  level!: string;

  @PrimaryColumn({ type: 'varchar', length: 16, name: 'product' })
  product!: string;

  @Column({ type: 'char', length: 1, name: 'max_risk_grade' })
  maxRiskGrade!: string;

  @Column({ type: 'bigint', name: 'max_amount_minor' })
  maxAmountMinor!: string;
}

/** One approver's own delegated authority, by product (at most the schedule's limit for their level). */
@Entity({ name: 'approval_authority' })
export class ApprovalAuthorityEntity {
  @PrimaryColumn({ type: 'bigint', name: 'user_id' })
  userId!: string;

  @PrimaryColumn({ type: 'varchar', length: 16, name: 'product' })
  product!: string;

  @Column({ type: 'varchar', length: 16, name: 'level' })
  level!: string;

  @Column({ type: 'char', length: 1, name: 'max_risk_grade' })
  maxRiskGrade!: string;

  @Column({ type: 'bigint', name: 'max_amount_minor' })
  maxAmountMinor!: string;
}
