import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import { RouteInventory } from './route-inventory';
import { routesOpenTo } from './routes-open-to';

class OpenRouteView {
  @ApiProperty({ example: 'POST' }) method!: string;
  @ApiProperty({ example: '/api/loans/{id}/repayments' }) path!: string;
}

class MyRoutesView {
  @ApiProperty({ type: [OpenRouteView] }) routes!: OpenRouteView[];
}

@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/auth')
export class MyRoutesController {
  constructor(private readonly inventory: RouteInventory) {}

  /**
   * The routes the caller's roles open, as the API document names them: what the console offers
   * its user, read from the routes' own declarations. Each call is still checked, with its scope.
   */
  @Get('routes')
  @Access.signedIn()
  @ApiOkResponse({ type: MyRoutesView })
  routes(@CurrentUser() principal: Principal): MyRoutesView {
    return { routes: routesOpenTo(this.inventory.routes(), principal.roles) };
  }
}
