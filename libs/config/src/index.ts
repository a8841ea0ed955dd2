export * from './app-config';
export * from './load-config';
export * from './secrets';
export * from './config.module';
