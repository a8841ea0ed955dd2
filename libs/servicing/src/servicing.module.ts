import { Module } from '@nestjs/common';
import { AdaptersModule } from '@loanflow/adapters';
import { IdentityModule } from '@loanflow/identity';
import { LoanRecords } from '@loanflow/origination';
import { ArchiveLoanWorker } from './workers/archive.worker';
import { ClassifyLoanWorker } from './workers/classification.worker';
import {
  CloseEpisodeWorker,
  ConfirmEpisodeWorker,
  OpenEpisodeWorker,
} from './workers/episode.workers';
import { CheckInstallmentWorker, NextInstallmentWorker } from './workers/installment.workers';
import { SettleLoanWorker } from './workers/settle.worker';
import { RepaymentOutbox } from './repayments/repayment-outbox';
import { RepaymentsController } from './repayments/repayments.controller';
import { RepaymentsService } from './repayments/repayments.service';

/** Repayments (in the api process). */
@Module({
  imports: [AdaptersModule, IdentityModule],
  controllers: [RepaymentsController],
  providers: [RepaymentsService],
})
export class ServicingApiModule {}

export const SERVICING_WORKERS = [
  NextInstallmentWorker,
  CheckInstallmentWorker,
  ClassifyLoanWorker,
  SettleLoanWorker,
  ArchiveLoanWorker,
  OpenEpisodeWorker,
  ConfirmEpisodeWorker,
  CloseEpisodeWorker,
];

/** Servicing and collection workers and the repayment outbox (WORKER_TYPES servicing.*, collection.*). */
@Module({
  imports: [AdaptersModule],
  providers: [RepaymentsService, RepaymentOutbox, LoanRecords, ...SERVICING_WORKERS],
})
export class ServicingWorkersModule {}
