export * from './access/loan-access-objects';
export * from './access/personal-data';
export * from './loans-access.module';
