import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditChainHeadEntity, AuditEntryEntity, AuditOutcome } from '@loanflow/persistence';
import { spreadOver } from '@loanflow/domain';
import { chainHash, digestOf } from './audit-hash';
import { TrailVerdict, verifyAuditTrail } from './audit-verification';

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

/**
 * The append-only, hash-chained audit trail. `append` writes inside the caller's transaction so an
 * act and its audit row commit together; `record` is for acts with nothing else to commit.
 *
 * The trail is several chains (one head row each): an act goes on its loan's chain, so acts on
 * different loans do not wait for each other's transactions, and one loan's acts are one sequence.
 * A transaction keeps to the first chain it locked, so it never holds two heads and two
 * transactions cannot deadlock on them.
 */
@Injectable()
export class AuditTrail {
  private chains?: Promise<[number, ...number[]]>;
  private readonly chainOfTransaction = new WeakMap<EntityManager, number>();

  constructor(private readonly dataSource: DataSource) {}

  async record(act: AuditAct): Promise<void> {
    await this.dataSource.transaction((manager) => this.append(manager, act));
  }

  async append(manager: EntityManager, act: AuditAct): Promise<AuditEntryEntity> {
    const chain = await this.chainFor(manager, act);
    // Locking the head serialises the chain's appenders: each row links to exactly one predecessor.
    const head = await manager.findOneOrFail(AuditChainHeadEntity, {
      where: { id: chain },
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
      manager.create(AuditEntryEntity, { ...content, chain, prevHash: head.lastHash, hash }),
    );
    await manager.update(AuditChainHeadEntity, { id: chain }, { lastId: entry.id, lastHash: hash });
    return entry;
  }

  forLoan(loanKey: string): Promise<AuditEntryEntity[]> {
    return this.dataSource
      .getRepository(AuditEntryEntity)
      .find({ where: { loanKey }, order: { id: 'ASC' } });
  }

  /** Every chain recomputed up to its head as the check starts; names the first row altered or missing. */
  verify(): Promise<TrailVerdict> {
    return verifyAuditTrail(this.dataSource);
  }

  private async chainFor(manager: EntityManager, act: AuditAct): Promise<number> {
    const held = this.chainOfTransaction.get(manager);
    if (held !== undefined) return held;
    // Read on the caller's connection: a pool full of transactions that each wait for the first
    // load would otherwise wait for a connection none of them gives back.
    const chains = await (this.chains ??= this.loadChains(manager));
    const key = act.loanKey ?? act.actor.username ?? act.action;
    const chain = chains[spreadOver(key, chains.length)] ?? chains[0];
    this.chainOfTransaction.set(manager, chain);
    return chain;
  }

  private async loadChains(manager: EntityManager): Promise<[number, ...number[]]> {
    try {
      const heads = await manager
        .getRepository(AuditChainHeadEntity)
        .find({ select: { id: true }, order: { id: 'ASC' } });
      const [first, ...rest] = heads.map((head) => head.id);
      if (first === undefined)
        throw new Error('the audit trail has no chain heads (the database is not migrated)');
      return [first, ...rest];
    } catch (error) {
      // Read again by the next act (the caller's transaction may have failed under it).
      this.chains = undefined;
      throw error;
    }
  }
}
