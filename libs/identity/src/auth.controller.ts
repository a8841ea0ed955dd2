import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { AuditTrail } from '@loanflow/audit';
import { AppConfig } from '@loanflow/config';
import { DomainError } from '@loanflow/domain';
import { Access } from '@loanflow/observability';
import { CurrentUser } from './auth.decorators';
import { Directory } from './directory';
import { verifyPassword } from './password';
import { auditActorOf, Principal } from './principal';
import { Tokens } from './tokens';

export class LoginRequest {
  @ApiProperty({ example: 'li.cm' })
  @IsString()
  @Length(1, 64)
  username!: string;

  @ApiProperty({ example: 'LoanFlow#2026' })
  @IsString()
  @Length(1, 200)
  password!: string;
}

export class LoginResponse {
  @ApiProperty() accessToken!: string;
  @ApiProperty() expiresAt!: string;
}

export class Me {
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty() orgUnitCode!: string;
  @ApiProperty() orgUnitName!: string;
}

export class SignInOptions {
  @ApiProperty() password!: boolean;
  @ApiPropertyOptional({
    description:
      'the identity provider for an authorization-code flow with PKCE, or null when not configured',
  })
  oidc!: {
    issuer: string;
    authorizationEndpoint: string;
    tokenEndpoint: string;
    clientId: string;
    scope: string;
  } | null;
}

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly directory: Directory,
    private readonly tokens: Tokens,
    private readonly audit: AuditTrail,
    private readonly config: AppConfig,
  ) {}

  /** Exchanges a user name and password for a short-lived bearer token. */
  @Access.public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  async login(@Body() body: LoginRequest): Promise<LoginResponse> {
    const user = await this.directory.findUser(body.username);
    const ok = await verifyPassword(body.password, user?.passwordHash ?? null);
    if (!user || !ok) {
      await this.audit.record({
        actor: { username: body.username, roles: [], orgUnitCode: null },
        action: 'auth.login',
        outcome: 'refused',
        inputs: { username: body.username },
        reason: 'unknown user or wrong password',
      });
      throw new DomainError('UNAUTHENTICATED', 'Unknown user name or wrong password.');
    }
    const principal = await this.directory.principalOf(user);
    const { accessToken, expiresAt } = await this.tokens.issue(user.username);
    await this.audit.record({
      actor: auditActorOf(principal),
      action: 'auth.login',
      outcome: 'ok',
      inputs: { username: body.username },
    });
    return { accessToken, expiresAt: expiresAt.toISOString() };
  }

  /**
   * How to sign in: always the built-in login; the bank's identity provider too where configured
   * (what the console needs to start an authorization-code flow with PKCE; nothing secret).
   */
  @Access.public()
  @Get('config')
  @ApiOkResponse({ type: SignInOptions })
  options(): SignInOptions {
    const c = this.config;
    const oidc =
      c.OIDC_ISSUER &&
      c.OIDC_JWKS_URL &&
      c.OIDC_AUTHORIZATION_URL &&
      c.OIDC_TOKEN_URL &&
      c.OIDC_CLIENT_ID
        ? {
            issuer: c.OIDC_ISSUER,
            authorizationEndpoint: c.OIDC_AUTHORIZATION_URL,
            tokenEndpoint: c.OIDC_TOKEN_URL,
            clientId: c.OIDC_CLIENT_ID,
            scope: c.OIDC_SCOPE,
          }
        : null;
    return { password: true, oidc };
  }

  /** Who the token belongs to: name, roles, org unit. */
  @Get('me')
  @Access.signedIn()
  @ApiBearerAuth()
  @ApiOkResponse({ type: Me })
  me(@CurrentUser() principal: Principal): Me {
    const { username, displayName, roles, orgUnitCode, orgUnitName } = principal;
    return { username, displayName, roles, orgUnitCode, orgUnitName };
  }
}
