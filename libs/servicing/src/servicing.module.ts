import { Module } from '@nestjs/common';
import { AdaptersModule } from '@loanflow/adapters';
import { IdentityModule } from '@loanflow/identity';
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

/** The repayment outbox (in a workers process; WORKER_TYPES servicing.outbox). */
@Module({ providers: [RepaymentsService, RepaymentOutbox] })
export class ServicingWorkersModule {}
