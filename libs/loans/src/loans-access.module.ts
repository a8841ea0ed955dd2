import { Global, Module } from '@nestjs/common';
import { AccessObjectResolver } from '@loanflow/identity';
import { LoanAccessObjects } from './access/loan-access-objects';

/** The api's access policy reaches loans through this: which branch each object belongs to. */
@Global()
@Module({
  providers: [{ provide: AccessObjectResolver, useClass: LoanAccessObjects }],
  exports: [AccessObjectResolver],
})
export class LoansAccessModule {}
