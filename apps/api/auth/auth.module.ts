import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { OidcService } from './oidc.service';
import { LoginThrottle } from './login-throttle';

/**
 * Login, tokens and the guard. The guard is registered here, as the app-wide APP_GUARD (every route of every module
 * requires a bearer token unless @Public()), because it needs AuthService; APP_* providers apply globally wherever
 * they are declared.
 */
@Module({
  controllers: [AuthController],
  providers: [AuthService, OidcService, LoginThrottle, { provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthModule {}
