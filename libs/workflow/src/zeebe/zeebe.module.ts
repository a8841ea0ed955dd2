import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@loanflow/config';
import { HealthCheckRegistry } from '@loanflow/observability';
import { BrokerClock } from '../clock/broker-clock';
import { BusinessClock } from '../clock/business-clock';
import { ZeebeHealth } from './zeebe-health';
import { createZeebeClient, ZEEBE_CLIENT, ZeebeClient } from './zeebe-client';

/** The process's one Zeebe client, closed on shutdown; the broker's health joins /health. */
@Global()
@Module({
  providers: [
    {
      provide: ZEEBE_CLIENT,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => createZeebeClient(config.ZEEBE_GRPC_ADDRESS),
    },
    {
      provide: BrokerClock,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new BrokerClock(config.ZEEBE_MANAGEMENT_URL),
    },
    {
      provide: BusinessClock,
      inject: [AppConfig, BrokerClock],
      useFactory: (config: AppConfig, broker: BrokerClock) =>
        new BusinessClock(config.BUSINESS_CLOCK, broker),
    },
    ZeebeHealth,
  ],
  exports: [ZEEBE_CLIENT, BrokerClock, BusinessClock],
})
export class ZeebeModule implements OnApplicationShutdown {
  constructor(
    @Inject(ZEEBE_CLIENT) private readonly client: ZeebeClient,
    health: ZeebeHealth,
    registry: HealthCheckRegistry,
  ) {
    registry.register('broker', () => health.check('broker'));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close(5000);
  }
}
