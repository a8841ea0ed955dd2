import { Global, Module } from '@nestjs/common';
import { CREDIT_BUREAU } from './bureau/credit-bureau';
import { SimulatedCreditBureau } from './bureau/simulated-credit-bureau';
import { CORE_BANKING } from './core-banking/core-banking';
import { SimulatedCoreBanking } from './core-banking/simulated-core-banking';
import { NOTIFIER } from './notifications/notifier';
import { RecordedNotifier } from './notifications/recorded-notifier';
import { DISHONEST_DEBTOR_LIST } from './courts/dishonest-debtors';
import { SimulatedDishonestDebtorList } from './courts/simulated-dishonest-debtors';

/**
 * The bank's outside systems behind interfaces. The simulated defaults bound here are what runs in
 * development and tests; a bank binds its real bureau, core banking and SMS gateway in their place.
 */
@Global()
@Module({
  providers: [
    { provide: CREDIT_BUREAU, useClass: SimulatedCreditBureau },
    { provide: CORE_BANKING, useClass: SimulatedCoreBanking },
    { provide: NOTIFIER, useClass: RecordedNotifier },
    { provide: DISHONEST_DEBTOR_LIST, useClass: SimulatedDishonestDebtorList },
  ],
  exports: [CREDIT_BUREAU, CORE_BANKING, NOTIFIER, DISHONEST_DEBTOR_LIST],
})
export class AdaptersModule {}
