import { Body, Controller, Get, HttpCode, Post, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { AppConfig } from '@loanflow/config';
import { Access } from '@loanflow/observability';
import { CurrentUser } from './auth.decorators';
import { ClientAddress } from './client-address';
import { PasswordChange } from './login/password-change';
import { RetryAfterInterceptor } from './login/retry-after.interceptor';
import { SignIn } from './login/sign-in';
import { Principal } from './principal';

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

export class ChangePasswordRequest {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  currentPassword!: string;

  @ApiProperty({ description: '12 or more characters, not the user name, not the current one' })
  @IsString()
  @Length(1, 200)
  newPassword!: string;
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

/** The bank's identity provider, for an authorization-code flow with PKCE. */
export class OidcSettingsView {
  @ApiProperty() issuer!: string;
  @ApiProperty() authorizationEndpoint!: string;
  @ApiProperty() tokenEndpoint!: string;
  @ApiProperty() clientId!: string;
  @ApiProperty({ example: 'openid profile' }) scope!: string;
}

export class SignInOptions {
  @ApiProperty() password!: boolean;
  @ApiProperty({
    type: OidcSettingsView,
    nullable: true,
    description:
      'the identity provider for an authorization-code flow with PKCE, or null when not configured',
  })
  oidc!: OidcSettingsView | null;
}

@ApiTags('auth')
@Controller('api/auth')
@UseInterceptors(RetryAfterInterceptor)
export class AuthController {
  constructor(
    private readonly signIn: SignIn,
    private readonly passwordChange: PasswordChange,
    private readonly config: AppConfig,
  ) {}

  /**
   * Exchanges a user name and password for a short-lived bearer token. Repeated failures are
   * throttled (429 LOGIN_THROTTLED) and lock the user name (423 ACCOUNT_LOCKED), with Retry-After.
   */
  @Access.public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  async login(
    @Body() body: LoginRequest,
    @ClientAddress() address: string,
  ): Promise<LoginResponse> {
    const { accessToken, expiresAt } = await this.signIn.signIn(
      body.username,
      body.password,
      address,
    );
    return { accessToken, expiresAt: expiresAt.toISOString() };
  }

  /** Changes the signed-in user's password; tokens already issued stay valid until they expire. */
  @Post('password')
  @Access.signedIn()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse()
  changePassword(
    @CurrentUser() principal: Principal,
    @Body() body: ChangePasswordRequest,
    @ClientAddress() address: string,
  ): Promise<void> {
    return this.passwordChange.change(principal, body.currentPassword, body.newPassword, address);
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
