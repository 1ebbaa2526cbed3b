import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AppConfig } from '../../../libs/config/config';
import { IS_PUBLIC } from '../common/current-user';
import { forbidden, unauthorized } from '../common/errors';
import { CONFIG } from '../common/tokens';
import { AuthService } from './auth.service';
import { CSRF_HEADER, csrfValid, isSafeMethod, sessionFromCookies } from './session-cookie';

/**
 * Every route requires a bearer token or the web app's session cookie unless marked @Public(). A request
 * authenticated by the cookie that changes something also needs the session's CSRF token (see session-cookie.ts).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest();
    const header: string | undefined = req.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (match) {
      req.user = await this.auth.verify(match[1]);
      return true;
    }
    const session = sessionFromCookies(req.headers.cookie);
    if (!session) throw unauthorized();
    req.user = await this.auth.verify(session);
    if (!isSafeMethod(req.method) && !csrfValid(this.config.tokenSecret, session, req.headers[CSRF_HEADER])) {
      throw forbidden('Missing or invalid CSRF token (send X-CSRF-Token from POST /auth/login or GET /auth/me)');
    }
    req.session = session;
    return true;
  }
}
