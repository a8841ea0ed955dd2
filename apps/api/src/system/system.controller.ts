import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '@loanflow/observability';
import { ZEEBE_CLIENT, ZeebeClient } from '@loanflow/workflow';
import { version } from '../../../../package.json';

class SystemInfo {
  product!: string;
  version!: string;
  broker!: { gatewayVersion: string; brokers: number; partitions: number };
}

@ApiTags('system')
@ApiBearerAuth()
@Controller('api/system')
export class SystemController {
  constructor(@Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient) {}

  /** Which product version runs against which broker. */
  @Get('info')
  @Access.signedIn()
  @ApiOkResponse({ type: SystemInfo })
  async info(): Promise<SystemInfo> {
    const topology = await this.zeebe.topology();
    return {
      product: 'LoanFlow',
      version,
      broker: {
        gatewayVersion: topology.gatewayVersion,
        brokers: topology.brokers.length,
        partitions: topology.partitionsCount,
      },
    };
  }
}
