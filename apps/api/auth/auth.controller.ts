import { Body, Controller, Get, HttpCode, Inject, Ip, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AppConfig } from '../../../libs/config/config';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser, Public } from '../common/current-user';
import { ApiBodySchema, ApiErrors, ApiFound, ApiNoContent, ApiOk, BOOLEAN, DATE_TIME, nullable, object, STRING, UUID } from '../common/openapi';
import { SchemaPipe } from '../common/schema.pipe';
import { CONFIG } from '../common/tokens';
import { AuthService } from './auth.service';
import { clearedStateCookie, OIDC_STATE_COOKIE, OidcService, stateCookie } from './oidc.service';
import { ApiError, notFound } from '../common/errors';
import { clientAddress } from './login-throttle';
import { clearedSessionCookie, cookieFromHeader, csrfToken, sessionCookie, sessionFromCookies } from './session-cookie';

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
  setHeader(name: string, value: string | string[]): void;
  redirect(status: number, url: string): void;
}


@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly oidc: OidcService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /** How one may sign in: local users always; single sign-on when configured (the login screen's button). */
  @Public()
  @Get('methods')
  @ApiOk(object({ local: BOOLEAN, sso: nullable(object({ label: { ...STRING, description: 'Dutch: the button says "Aanmelden via <label>"' }, loginUrl: STRING }, ['label', 'loginUrl'])) }, ['local', 'sso']), 'The sign-in methods')
  @ApiErrors(400, 503)
  methods() {
    const sso = this.oidc.settings;
    return { local: true, sso: sso ? { label: sso.label, loginUrl: '/auth/oidc/login' } : null };
  }

  /** Single sign-on, step 1: to the OpenID provider (authorization code with PKCE), the login's state in a cookie. */
  @Public()
  @Get('oidc/login')
  @ApiFound('To the OpenID provider; 404 when single sign-on is not configured')
  @ApiErrors(400, 404, 503)
  async oidcLogin(@Req() req: HttpRequest, @Res() res: HttpResponse) {
    if (!this.oidc.settings) throw notFound('Single sign-on');
    const { url, cookie } = await this.oidc.start().catch((err: unknown) => {
      throw new ApiError(503, `The OpenID provider cannot be reached: ${err instanceof Error ? err.message : String(err)}`);
    });
    res.setHeader('Set-Cookie', stateCookie(cookie, this.secure(req)));
    res.redirect(302, url);
  }

  /**
   * Single sign-on, step 2: the provider's answer. A known, active user gets the web session (the same cookie as a
   * local login) and lands in the app; anyone else back on the login screen with the reason (?sso=).
   */
  @Public()
  @Get('oidc/callback')
  @ApiFound('To /app/ with the session cookie, or to /app/aanmelden?sso=<reason> (unknown-account, inactive, failed, no-state, not-configured)')
  @ApiErrors(400, 503)
  async oidcCallback(@Req() req: HttpRequest & { url: string }, @Res() res: HttpResponse) {
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    const result = await this.oidc.finish(query, cookieFromHeader(req.headers.cookie, OIDC_STATE_COOKIE));
    const secure = this.secure(req);
    if ('refused' in result) {
      res.setHeader('Set-Cookie', clearedStateCookie(secure));
      return res.redirect(302, `/app/aanmelden?sso=${result.refused}`);
    }
    res.setHeader('Set-Cookie', [clearedStateCookie(secure), sessionCookie(result.session.accessToken, { secure, maxAgeSeconds: this.config.tokenTtlMinutes * 60 })]);
    res.redirect(302, '/app/');
  }

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
