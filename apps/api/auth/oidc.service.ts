import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, createHmac } from 'node:crypto';
import * as oidc from 'openid-client';
import { DataSource } from 'typeorm';
import type { AppConfig, OidcConfig } from '../../../libs/config/config';
import { audit, SYSTEM } from '../../../libs/db/audit';
import { UserEntity } from '../../../libs/db/entities';
import { CONFIG } from '../common/tokens';
import { AuthService } from './auth.service';
import { sameSecret } from './session-cookie';

/** The short-lived cookie that carries the login's state, nonce and PKCE verifier from /login to /callback. */
export const OIDC_STATE_COOKIE = 'ocmw_oidc';
const STATE_MAX_AGE_SECONDS = 600;

/** Why a single sign-on did not end in a session: the login screen says it in Dutch (?sso=<reason>). */
export type SsoRefusal = 'not-configured' | 'no-state' | 'failed' | 'unknown-account' | 'inactive';

interface LoginState {
  state: string;
  nonce: string;
  verifier: string;
  at: number;
}

/**
 * Single sign-on with the municipality's OpenID Connect provider (Microsoft Entra ID, ACM/IDM, …), beside the local
 * users: the authorization code flow with PKCE (openid-client, the maintained certified client), the user matched by
 * the provider's issuer and subject id (`sub`, or `oid`) in the admin's mapping (user_identities), never by e-mail;
 * then the API issues its own session, exactly as after a local login (role, team and token version from the user).
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('Oidc');
  private configuration: Promise<oidc.Configuration> | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly auth: AuthService,
  ) {}

  get settings(): OidcConfig | null {
    return this.config.oidc;
  }

  /** The provider's metadata, discovered once (again after a failure). http only for a local provider (config checks). */
  private discovered(settings: OidcConfig): Promise<oidc.Configuration> {
    this.configuration ??= oidc
      // client_secret_basic: the default authentication of OpenID Connect's confidential clients (Entra ID takes it too).
      .discovery(new URL(settings.issuer), settings.clientId, undefined, oidc.ClientSecretBasic(settings.clientSecret), {
        ...(new URL(settings.issuer).protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}),
        timeout: 10,
      })
      .catch((err: unknown) => {
        this.configuration = null;
        throw err;
      });
    return this.configuration;
  }

  /** Where to send the browser, and the state cookie's value to set. */
  async start(): Promise<{ url: string; cookie: string }> {
    const settings = this.settings!;
    const configuration = await this.discovered(settings);
    const login: LoginState = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier(), at: Date.now() };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: settings.redirectUri,
      scope: settings.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(login.verifier),
      code_challenge_method: 'S256',
      state: login.state,
      nonce: login.nonce,
    });
    return { url: url.href, cookie: this.seal(login) };
  }

  /**
   * The provider's answer (the callback's query string) with the login's state cookie: a session, or why not. Every
   * refusal is audited (the issuer and a hash of the subject, never a name or an e-mail address).
   */
  async finish(query: string, stateCookie: string | null): Promise<{ session: { accessToken: string; expiresAt: string } } | { refused: SsoRefusal }> {
    const settings = this.settings;
    if (!settings) return { refused: 'not-configured' };
    const login = stateCookie ? this.unseal(stateCookie) : null;
    if (!login) return this.refuse('no-state', settings.issuer, null);
    let claims: oidc.IDToken | undefined;
    try {
      const configuration = await this.discovered(settings);
      const tokens = await oidc.authorizationCodeGrant(configuration, new URL(`${settings.redirectUri}${query}`), {
        pkceCodeVerifier: login.verifier,
        expectedState: login.state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (err) {
      this.logger.warn(`single sign-on failed: ${err instanceof Error ? err.message : String(err)}`);
      return this.refuse('failed', settings.issuer, null);
    }
    const subject = claims?.[settings.subjectClaim];
    const issuer = claims?.iss ?? settings.issuer;
    if (typeof subject !== 'string' || subject === '') return this.refuse('failed', issuer, null);
    const [row] = await this.dataSource.query(`SELECT id, user_id FROM user_identities WHERE issuer = $1 AND subject = $2`, [issuer, subject]);
    if (!row) return this.refuse('unknown-account', issuer, subject);
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: row.user_id as string });
    if (!user || !user.active) return this.refuse('inactive', issuer, subject);
    const session = await this.dataSource.transaction(async (tx) => {
      await tx.query(`UPDATE user_identities SET last_login_at = now() WHERE id = $1`, [row.id]);
      return this.auth.issueSession(tx, user, { method: 'oidc', issuer });
    });
    return { session };
  }

  private async refuse(reason: SsoRefusal, issuer: string, subject: string | null): Promise<{ refused: SsoRefusal }> {
    await this.dataSource.transaction((tx) =>
      audit(tx, SYSTEM, 'auth.sso-refused', { details: { reason, issuer, subjectHash: subject ? createHash('sha256').update(subject).digest('hex').slice(0, 16) : null } }),
    );
    return { refused: reason };
  }

  /** The login state as a cookie value: base64url JSON and its HMAC under the token secret. */
  private seal(login: LoginState): string {
    const body = Buffer.from(JSON.stringify(login)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  private unseal(value: string): LoginState | null {
    const [body, mac] = value.split('.');
    if (!body || !mac || !sameSecret(this.mac(body), mac)) return null;
    try {
      const login = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as LoginState;
      return Date.now() - login.at <= STATE_MAX_AGE_SECONDS * 1000 ? login : null;
    } catch {
      return null;
    }
  }

  private mac(body: string): string {
    return createHmac('sha256', this.config.tokenSecret).update(`oidc-state:${body}`).digest('base64url');
  }
}

export function stateCookie(value: string, secure: boolean): string {
  // Lax, not Strict: the provider's redirect back to the callback is a cross-site navigation that must carry it.
  return `${OIDC_STATE_COOKIE}=${value}; Path=/auth/oidc; Max-Age=${STATE_MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

export const clearedStateCookie = (secure: boolean) => `${OIDC_STATE_COOKIE}=; Path=/auth/oidc; Max-Age=0; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
