export * from './metrics/metrics.service';
export * from './health/health-check.registry';
export * from './logging/logging.module';
export * from './observability.module';
export * from './boot';
export * from './http/access-policy';
export * from './http/api-shapes';
