export * from './platform.contract';
export * from './check-dependencies.worker';
export * from './platform-workers.module';
export * from './runtime.module';
