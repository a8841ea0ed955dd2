export * from './database-url';
export * from './data-source-options';
export * from './ensure-database';
export * from './run-migrations';
export * from './idempotency.service';
export * from './persistence.module';
export * from './redis/redis.module';
export * from './entities/job-effect.entity';
