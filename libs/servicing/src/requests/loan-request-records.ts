import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, EntityTarget, FindOptionsWhere } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import type { ServicingLedger } from '@loanflow/domain';
import {
  insertRows,
  isDuplicateKeyError,
  LoanChangeRequestEntity,
  LoanDutyEntity,
  LoanEntity,
  LoanPartyEntity,
  LoanPrepaymentEntity,
  LoanRestructuringEntity,
} from '@loanflow/persistence';
import { readLedger } from '../repayments/loan-ledger';
import { RequestReads, sqlRequestReads } from './request-reads';

/** The requests on a running loan that a second person decides, by kind, as the register holds them. */
export interface LoanRequests {
  change: LoanChangeRequestEntity;
  restructuring: LoanRestructuringEntity;
  prepayment: LoanPrepaymentEntity;
}

export type LoanRequestKind = keyof LoanRequests;

/** A request to record: what its filing sets (the id comes from the register, the rest later). */
export interface NewLoanRequests {
  change: Omit<LoanChangeRequestEntity, 'id'>;
  restructuring: Omit<
    LoanRestructuringEntity,
    'id' | 'levelBefore' | 'firstNewInstallment' | 'whileInObservation' | 'appliedOn'
  >;
  prepayment: Omit<LoanPrepaymentEntity, 'id'>;
}

/** The duty a request gives its requester: whoever holds it does not decide the request. */
export interface RequestDuty {
  loanId: string;
  /** `prepayment-request`. */
  duty: string;
  username: string;
  /** The duty's reference to the request (`prepayment:<id>`, see `requestRef`). */
  ref: string;
}

/**
 * The reference a request's duty holds to it: the review's tasks find the requester's duty by it
 * (whoever filed a request does not decide it), and a withdrawal deletes the duty by it.
 */
export const requestRef = (kind: LoanRequestKind, requestId: string): string =>
  `${kind}:${requestId}`;

/**
 * The filing's transaction was refused because the loan already has such a request open (its open
 * key is taken): the database decides it, so two requests at once cannot both pass.
 */
export class RequestAlreadyOpen extends Error {
  constructor() {
    super('The loan already has such a request open.');
    this.name = 'RequestAlreadyOpen';
  }
}

/** The register inside a filing's transaction: the rules read what the request is recorded beside. */
export interface LoanRequestTransaction extends RequestReads {
  loan(loanId: string): Promise<LoanEntity | null>;
  /** The loan's applicant and guarantors. */
  parties(loanId: string): Promise<LoanPartyEntity[]>;
  /** Records the request; the request with its id. */
  insert<K extends LoanRequestKind>(kind: K, request: NewLoanRequests[K]): Promise<LoanRequests[K]>;
  recordDuty(duty: RequestDuty): Promise<void>;
}

/**
 * What the requests on a running loan (changes, restructurings, prepayments: their services)
 * read and write in the register. An abstract class so that it is both the injection token and
 * the shape a unit spec's fake implements.
 */
export abstract class LoanRequestRecords {
  /** The loan, or null (read outside any transaction, for a quote). */
  abstract loan(loanId: string): Promise<LoanEntity | null>;
  /** The loan's ledger (read outside any transaction, for a quote). */
  abstract ledger(loanId: string): Promise<ServicingLedger>;
  /** The loan's requests of a kind, oldest first. */
  abstract list<K extends LoanRequestKind>(kind: K, loanId: string): Promise<LoanRequests[K][]>;
  /** Deletes a request whose review never started, then its requester's duty. */
  abstract withdraw(kind: LoanRequestKind, requestId: string, loanId: string): Promise<void>;
  /** Records the request's review instance and the audit entry of its filing in one transaction. */
  abstract started(
    kind: LoanRequestKind,
    requestId: string,
    processInstanceKey: string | null,
    act: AuditAct,
  ): Promise<void>;
  /**
   * Runs `work` in one transaction: all it writes commits, or none of it. Rejects with
   * `RequestAlreadyOpen` when a request it records finds its open key taken.
   */
  abstract transaction<T>(work: (tx: LoanRequestTransaction) => Promise<T>): Promise<T>;
}

export const REQUEST_TABLES: { [K in LoanRequestKind]: EntityTarget<LoanRequests[K]> } = {
  change: LoanChangeRequestEntity,
  restructuring: LoanRestructuringEntity,
  prepayment: LoanPrepaymentEntity,
};

/** A kind's table as the statements every kind shares see it. */
const tableOf = (kind: LoanRequestKind) =>
  REQUEST_TABLES[kind] as EntityTarget<{ id: string; processInstanceKey: string | null }>;

/** The register's SQL for requests on a running loan (MySQL/MariaDB). */
@Injectable()
export class SqlLoanRequestRecords extends LoanRequestRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {
    super();
  }

  loan(loanId: string): Promise<LoanEntity | null> {
    return this.dataSource.getRepository(LoanEntity).findOneBy({ id: loanId });
  }

  ledger(loanId: string): Promise<ServicingLedger> {
    return readLedger(this.dataSource.manager, loanId);
  }

  list<K extends LoanRequestKind>(kind: K, loanId: string): Promise<LoanRequests[K][]> {
    return this.dataSource.getRepository(REQUEST_TABLES[kind]).find({
      where: { loanId } as FindOptionsWhere<LoanRequests[K]>,
      order: { id: 'ASC' } as never,
    });
  }

  async withdraw(kind: LoanRequestKind, requestId: string, loanId: string): Promise<void> {
    // Together or not at all: a duty left behind would name a request that no longer exists.
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(tableOf(kind), requestId);
      await manager.delete(LoanDutyEntity, {
        businessKey: loanId,
        ref: requestRef(kind, requestId),
      });
    });
  }

  async started(
    kind: LoanRequestKind,
    requestId: string,
    processInstanceKey: string | null,
    act: AuditAct,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(tableOf(kind)).update(requestId, { processInstanceKey });
      await this.audit.append(manager, act);
    });
  }

  async transaction<T>(work: (tx: LoanRequestTransaction) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction((manager) => work(this.inTransaction(manager)));
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new RequestAlreadyOpen();
      throw error;
    }
  }

  private inTransaction(manager: EntityManager): LoanRequestTransaction {
    return {
      ...sqlRequestReads(manager),
      loan: (loanId) => manager.findOneBy(LoanEntity, { id: loanId }),
      parties: (loanId) => manager.find(LoanPartyEntity, { where: { loanId } }),
      insert: async <K extends LoanRequestKind>(kind: K, request: NewLoanRequests[K]) => {
        const created = manager.create(REQUEST_TABLES[kind], request as never);
        await manager.insert(REQUEST_TABLES[kind], created as never);
        return created;
      },
      recordDuty: async (duty) => {
        await insertRows(manager, LoanDutyEntity, {
          businessKey: duty.loanId,
          duty: duty.duty,
          username: duty.username,
          taskId: '-',
          ref: duty.ref,
        });
      },
    };
  }
}
