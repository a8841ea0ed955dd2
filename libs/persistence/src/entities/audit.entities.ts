import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type AuditOutcome = 'ok' | 'refused' | 'failed';

/** One act, append-only; hash = sha256(previous hash on its chain + this row's content). */
@Entity({ name: 'audit_entry' })
@Index('ix_audit_entry_loan', ['loanKey', 'id'])
@Index('ix_audit_entry_chain', ['chain', 'id'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'datetime', precision: 3, name: 'at' })
  at!: Date;

  @Column({ type: 'varchar', length: 64, name: 'actor', nullable: true })
  actor!: string | null;

  @Column({ type: 'varchar', length: 255, name: 'actor_roles' })
  actorRoles!: string;

  @Column({ type: 'varchar', length: 32, name: 'org_unit_code', nullable: true })
  orgUnitCode!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'action' })
  action!: string;

  @Column({ type: 'varchar', length: 64, name: 'loan_key', nullable: true })
  loanKey!: string | null;

  @Column({ type: 'varchar', length: 20, name: 'task_id', nullable: true })
  taskId!: string | null;

  @Column({ type: 'char', length: 64, name: 'inputs_digest', nullable: true })
  inputsDigest!: string | null;

  @Column({ type: 'varchar', length: 16, name: 'outcome' })
  outcome!: AuditOutcome;

  @Column({ type: 'text', name: 'reason', nullable: true })
  reason!: string | null;

  /**
   * Which of the trail's chains the row links into (its loan's, so a loan's acts are one sequence).
   * The column defaults to 0 (the rows from before there were chains); the entity names no default
   * so that TypeORM does not read each new row back after inserting it.
   */
  @Column({ type: 'tinyint', unsigned: true, name: 'chain' })
  chain!: number;

  @Column({ type: 'char', length: 64, name: 'prev_hash' })
  prevHash!: string;

  @Column({ type: 'char', length: 64, name: 'hash' })
  hash!: string;
}

/**
 * One chain's head (id = the chain): locking it serialises that chain's appends so every row links to
 * the one before it on the chain; acts on other chains do not wait for it.
 */
@Entity({ name: 'audit_chain_head' })
export class AuditChainHeadEntity {
  @PrimaryColumn({ type: 'tinyint', name: 'id' })
  id!: number;

  @Column({ type: 'bigint', name: 'last_id' })
  lastId!: string;

  @Column({ type: 'char', length: 64, name: 'last_hash' })
  lastHash!: string;
}
