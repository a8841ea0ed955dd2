export * from './access/loan-access-objects';
export * from './access/personal-data';
export * from './loans-access.module';
export * from './register/loan-id';
export * from './register/beijing-time';
export * from './register/loan-records';
export * from './register/loan-variables';
export * from './parties/id-number.validator';
