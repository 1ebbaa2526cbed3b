import { Body, Controller, Get, HttpCode, Inject, Ip, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AppConfig } from '../../../libs/config/config';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser, Public } from '../common/current-user';
import { ApiBodySchema, ApiErrors, ApiNoContent, ApiOk, BOOLEAN, DATE_TIME, object, STRING, UUID } from '../common/openapi';
import { SchemaPipe } from '../common/schema.pipe';
import { CONFIG } from '../common/tokens';
import { AuthService } from './auth.service';
import { clientAddress } from './login-throttle';
import { clearedSessionCookie, csrfToken, sessionCookie, sessionFromCookies } from './session-cookie';

const LOGIN: JsonSchema = {
  type: 'object',
  required: ['username', 'password'],
  properties: {
    username: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[^\\u0000-\\u001f]+$' },
    password: { type: 'string', minLength: 1, maxLength: 200 },
    cookie: { type: 'boolean', description: 'true (the web app): also set the httpOnly session cookie and answer its CSRF token' },
  },
  additionalProperties: false,
};

interface HttpRequest {
  secure?: boolean;
  headers: Record<string, string | undefined>;
}
interface HttpResponse {
  setHeader(name: string, value: string): void;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiBodySchema(LOGIN)
  @ApiOk(
    object({ accessToken: { ...STRING, description: 'The bearer token' }, expiresAt: DATE_TIME, csrfToken: { ...STRING, description: 'With cookie: true' } }, ['accessToken', 'expiresAt']),
    'Logged in',
  )
  @ApiErrors(400, 401, 429, 503)
  async login(
    @Body(new SchemaPipe(LOGIN)) body: { username: string; password: string; cookie?: boolean },
    @Ip() ip: string | undefined,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
  ) {
    const session = await this.auth.login(body.username, body.password, clientAddress(ip));
    if (!body.cookie) return session;
    res.setHeader('Set-Cookie', sessionCookie(session.accessToken, { secure: this.secure(req), maxAgeSeconds: this.config.tokenTtlMinutes * 60 }));
    return { ...session, csrfToken: csrfToken(this.config.tokenSecret, session.accessToken) };
  }

  /** Ends the web session: the cookie is cleared (a bearer token simply expires). */
  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiNoContent('The session cookie is cleared')
  @ApiErrors(400, 503)
  logout(@Req() req: HttpRequest, @Res({ passthrough: true }) res: HttpResponse) {
    res.setHeader('Set-Cookie', clearedSessionCookie(this.secure(req)));
  }

  /** Who is signed in, and (with the session cookie) the CSRF token the page sends with every change. */
  @Get('me')
  @ApiBearerAuth()
  @ApiOk(object({ id: UUID, username: STRING, displayName: STRING, role: STRING, team: STRING, cookie: BOOLEAN, csrfToken: STRING }, ['id', 'username', 'displayName', 'role', 'team', 'cookie']), 'The signed-in user')
  @ApiErrors(400, 401, 503)
  me(@CurrentUser() user: AuthUser, @Req() req: HttpRequest) {
    const session = req.headers.authorization ? null : sessionFromCookies(req.headers.cookie);
    return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, team: user.team, cookie: session !== null, ...(session ? { csrfToken: csrfToken(this.config.tokenSecret, session) } : {}) };
  }

  private secure(req: HttpRequest): boolean {
    return this.config.secureCookie ?? req.secure === true;
  }
}
