import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import { AuditChainHeadEntity, AuditEntryEntity, AuditOutcome } from '@loanflow/persistence';
import { chainHash, digestOf, GENESIS_HASH } from './audit-hash';

/** Who acted: a signed-in user, or nobody known (a refused anonymous request). */
export interface AuditActor {
  username: string | null;
  roles: readonly string[];
  orgUnitCode: string | null;
}

/** The product itself acting (a worker, a rule): named as such in the trail, never as a person. */
export const SYSTEM_ACTOR: AuditActor = {
  username: 'system',
  roles: ['system'],
  orgUnitCode: null,
};

/**
 * A person whose decision a worker puts into effect (the form's `by`): named in the trail with the
 * role they decided in. The task's own audit row has their full principal.
 */
export function staffActor(username: string, role: string): AuditActor {
  return { username, roles: [role], orgUnitCode: null };
}

export interface AuditAct {
  actor: AuditActor;
  action: string;
  outcome: AuditOutcome;
  loanKey?: string | null;
  taskId?: string | null;
  /** Hashed, not stored: what the actor submitted. */
  inputs?: unknown;
  reason?: string | null;
}

export type ChainVerdict =
  | { intact: true; rows: number }
  | { intact: false; rows: number; firstBrokenId: string; problem: string };

const VERIFY_BATCH = 1000;

/**
 * The append-only, hash-chained audit trail. `append` writes inside the caller's transaction so an
 * act and its audit row commit together; `record` is for acts with nothing else to commit.
 */
@Injectable()
export class AuditTrail {
  constructor(private readonly dataSource: DataSource) {}

  async record(act: AuditAct): Promise<void> {
    await this.dataSource.transaction((manager) => this.append(manager, act));
  }

  async append(manager: EntityManager, act: AuditAct): Promise<AuditEntryEntity> {
    // Locking the head serialises appenders: each row links to exactly one predecessor.
    const head = await manager.findOneOrFail(AuditChainHeadEntity, {
      where: { id: 1 },
      lock: { mode: 'pessimistic_write' },
    });
    const content = {
      at: new Date(),
      actor: act.actor.username,
      actorRoles: act.actor.roles.join(','),
      orgUnitCode: act.actor.orgUnitCode,
      action: act.action,
      loanKey: act.loanKey ?? null,
      taskId: act.taskId ?? null,
      inputsDigest: act.inputs === undefined ? null : digestOf(act.inputs),
      outcome: act.outcome,
      reason: act.reason ? act.reason.slice(0, 2000) : null,
    };
    const hash = chainHash(head.lastHash, content);
    const entry = await manager.save(
      manager.create(AuditEntryEntity, { ...content, prevHash: head.lastHash, hash }),
    );
    await manager.update(AuditChainHeadEntity, { id: 1 }, { lastId: entry.id, lastHash: hash });
    return entry;
  }

  forLoan(loanKey: string): Promise<AuditEntryEntity[]> {
    return this.dataSource
      .getRepository(AuditEntryEntity)
      .find({ where: { loanKey }, order: { id: 'ASC' } });
  }

  /**
   * Recomputes the chain from the first row up to the head as it stands when the check starts (acts
   * recorded meanwhile are the next check's); names the first row whose content or link was altered.
   */
  async verify(): Promise<ChainVerdict> {
    const repository = this.dataSource.getRepository(AuditEntryEntity);
    const head = await this.dataSource
      .getRepository(AuditChainHeadEntity)
      .findOneByOrFail({ id: 1 });
    let expectedPrev = GENESIS_HASH;
    let lastId = '0';
    let rows = 0;
    while (expectedPrev !== head.lastHash) {
      const batch = await repository.find({
        where: { id: MoreThan(lastId) },
        order: { id: 'ASC' },
        take: VERIFY_BATCH,
      });
      if (batch.length === 0)
        return {
          intact: false,
          rows,
          firstBrokenId: head.lastId,
          problem: 'the chain ends before its recorded head (rows were removed at the end)',
        };
      for (const row of batch) {
        rows += 1;
        if (row.prevHash !== expectedPrev) {
          return {
            intact: false,
            rows,
            firstBrokenId: row.id,
            problem: 'does not link to the row before it (a row was removed or reordered)',
          };
        }
        if (chainHash(row.prevHash, row) !== row.hash) {
          return {
            intact: false,
            rows,
            firstBrokenId: row.id,
            problem: 'its content no longer matches its hash (the row was altered)',
          };
        }
        expectedPrev = row.hash;
        lastId = row.id;
        if (expectedPrev === head.lastHash) break;
      }
    }
    return { intact: true, rows };
  }
}
