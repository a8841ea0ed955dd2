export * from './audit-hash';
export * from './audit-trail';
export * from './audit.module';
export * from './audit-verification';
