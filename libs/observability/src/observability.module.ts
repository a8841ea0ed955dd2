import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthCheckRegistry } from './health/health-check.registry';
import { HealthController } from './health/health.controller';
import { InfrastructureHealth } from './health/infrastructure-health';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';

/** /health and /metrics for any process of the product, plus the registry others add checks to. */
@Global()
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'pretty', gracefulShutdownTimeoutMs: 0 })],
  controllers: [HealthController, MetricsController],
  providers: [MetricsService, HealthCheckRegistry, InfrastructureHealth],
  exports: [MetricsService, HealthCheckRegistry, TerminusModule],
})
export class ObservabilityModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
