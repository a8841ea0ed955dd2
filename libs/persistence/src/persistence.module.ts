import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@loanflow/config';
import { buildDataSourceOptions } from './data-source-options';
import { IdempotencyService } from './idempotency.service';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...buildDataSourceOptions(config.DATABASE_URL),
        retryAttempts: 3,
        retryDelay: 1000,
      }),
    }),
  ],
  providers: [IdempotencyService],
  exports: [IdempotencyService],
})
export class PersistenceModule {}
