export * from './exporter-records';
export * from './zeebe';
export * from './workers-app';
export * from './broker-time';
export * from './api-app';
export * from './loans';
export * from './test-stack';
export * from './origination';
