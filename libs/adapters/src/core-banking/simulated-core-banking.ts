import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loanAccountCode, Money } from '@loanflow/domain';
import { DisbursementEntity, isDuplicateKeyError } from '@loanflow/persistence';
import type { CoreBanking, DisbursementOrder, DisbursementReceipt } from './core-banking';
import { postTransaction } from './ledger-postings';

/** A customer's account the money is paid to. */
export const payeeAccountCode = (account: string): string => `CUST:${account}`;

/**
 * A double-entry ledger in MySQL standing in for core banking. A payout writes the disbursement row
 * (primary key: the loan id) and its two entries in one transaction: a second delivery of the same
 * order, even concurrent, hits the key and gets the first payout's receipt back.
 */
@Injectable()
export class SimulatedCoreBanking implements CoreBanking {
  constructor(private readonly dataSource: DataSource) {}

  async disburse(order: DisbursementOrder): Promise<DisbursementReceipt> {
    const amount = Money.parse(order.amount);
    if (amount.isNegative() || amount.isZero())
      throw new Error(`disbursement amount must be positive, got ${order.amount}`);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const txnId = `DSB-${randomUUID()}`;
        // insert, never save: save() would quietly update an existing payout instead of hitting its key.
        const row = manager.create(DisbursementEntity, {
          loanId: order.loanId,
          txnId,
          amountMinor: amount.minorUnits.toString(),
          paymentMethod: order.paymentMethod,
          payeeAccount: order.payeeAccount,
          payeeName: order.payeeName,
          jobKey: order.jobKey,
          disbursedAt: order.valueDate,
        });
        await manager.insert(DisbursementEntity, row);
        const memo = `disbursement of loan ${order.loanId} (${order.paymentMethod} payment to ${order.payeeName})`;
        await postTransaction(manager, { txnId, loanId: order.loanId, memo }, [
          {
            account: {
              code: loanAccountCode(order.loanId),
              name: `Loan ${order.loanId}`,
              kind: 'asset',
            },
            side: 'debit',
            amount,
          },
          {
            account: {
              code: payeeAccountCode(order.payeeAccount),
              name: order.payeeName,
              kind: 'customer',
            },
            side: 'credit',
            amount,
          },
        ]);
        return receipt(row, false);
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const first = await this.dataSource
        .getRepository(DisbursementEntity)
        .findOneByOrFail({ loanId: order.loanId });
      if (first.amountMinor !== amount.minorUnits.toString())
        throw new Error(
          `loan ${order.loanId} was already paid ${Money.ofMinor(first.amountMinor).toDecimalString()}; ` +
            `a second order for ${order.amount} is refused`,
        );
      return receipt(first, true);
    }
  }
}

function receipt(row: DisbursementEntity, replayed: boolean): DisbursementReceipt {
  return {
    loanId: row.loanId,
    txnId: row.txnId,
    amount: Money.ofMinor(row.amountMinor).toDecimalString(),
    payeeAccount: row.payeeAccount,
    payeeName: row.payeeName,
    disbursedAt: row.disbursedAt.toISOString(),
    replayed,
  };
}
