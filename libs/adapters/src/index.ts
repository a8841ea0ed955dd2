export * from './adapters.module';
export * from './bureau/credit-bureau';
export * from './bureau/simulated-credit-bureau';
export * from './core-banking/core-banking';
export * from './core-banking/simulated-core-banking';
export * from './notifications/notifier';
export * from './notifications/recorded-notifier';
export * from './core-banking/ledger-postings';
