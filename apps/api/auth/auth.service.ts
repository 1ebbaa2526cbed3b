import { Inject, Injectable } from '@nestjs/common';
import * as bcrypt from 'bcryptjs';
import { jwtVerify, SignJWT } from 'jose';
import { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../../../libs/config/config';
import { isDemoPassword, PasswordRules, passwordRules } from '../../../libs/auth/password-policy';
import { isRole } from '../../../libs/auth/roles';
import { UserEntity } from '../../../libs/db/entities';
import { audit } from '../../../libs/db/audit';
import type { AuthUser } from '../common/current-user';
import { tooManyRequests, unauthorized } from '../common/errors';
import { CONFIG } from '../common/tokens';
import { LoginFailure, LoginThrottle } from './login-throttle';

export const BCRYPT_ROUNDS = 10;

/** A bcrypt hash that matches nothing, to spend the same time on an unknown username as on a wrong password. */
const DUMMY_HASH = bcrypt.hashSync('ocmw-flow-no-such-user', BCRYPT_ROUNDS);

@Injectable()
export class AuthService {
  private readonly key: Uint8Array;
  private readonly rules: PasswordRules;

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly throttle: LoginThrottle,
  ) {
    this.key = new TextEncoder().encode(config.tokenSecret);
    this.rules = passwordRules(config);
  }

  /**
   * Checks the password unless the username or the address is locked (429 with Retry-After, see LoginThrottle).
   * Every failure is counted and audited; the answer never says which part was wrong.
   */
  async login(username: string, password: string, address: string): Promise<{ accessToken: string; expiresAt: string }> {
    const gate = await this.throttle.begin(username, address);
    if (!gate.allowed) {
      const minutes = Math.ceil(gate.retryAfterSeconds / 60);
      throw tooManyRequests(`Too many failed logins: try again in ${minutes} minute${minutes === 1 ? '' : 's'}`, gate.retryAfterSeconds);
    }
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ username });
    const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
    const failure: LoginFailure | null = !user
      ? 'unknown-user'
      : !ok
        ? 'wrong-password'
        : !user.active
          ? 'inactive'
          : // A demo user's password (an account seeded locally, in a database now run in production) never works there.
            this.config.production && isDemoPassword(password, this.rules)
            ? 'demo-password'
            : null;
    if (!user || failure) {
      await this.throttle.failed(gate.attemptId, username, address, failure ?? 'unknown-user', user?.id ?? null);
      throw unauthorized('Wrong username or password');
    }
    return this.dataSource.transaction(async (tx) => {
      await this.throttle.succeeded(gate.attemptId, tx);
      return this.issueSession(tx, user, { address });
    });
  }

  /**
   * The API's own session for `user` (signed in locally or through the OpenID provider): a token carrying its role,
   * team and token version, audited as auth.login with `details` (the address; for single sign-on the issuer).
   */
  async issueSession(tx: EntityManager, user: UserEntity, details: Record<string, unknown>): Promise<{ accessToken: string; expiresAt: string }> {
    const expiresAt = new Date(Date.now() + this.config.tokenTtlMinutes * 60_000);
    const accessToken = await new SignJWT({ role: user.role, team: user.team, username: user.username, tv: user.tokenVersion })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .setIssuer('ocmw-flow')
      .sign(this.key);
    await audit(tx, { id: user.id, role: user.role }, 'auth.login', { details });
    return { accessToken, expiresAt: expiresAt.toISOString() };
  }

  /**
   * The token's claims, checked against the user as stored now (one primary-key read per request): a deactivated
   * user's tokens stop working at once, and so does every token older than the user's last password change or reset
   * (its `tv` is no longer the user's token version). A token without `tv` (issued before versions) is refused.
   */
  async verify(token: string): Promise<AuthUser> {
    let sub: string | undefined;
    let tv: unknown;
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: 'ocmw-flow', algorithms: ['HS256'] });
      sub = payload.sub;
      tv = payload.tv;
    } catch {
      throw unauthorized('Invalid or expired token');
    }
    const user = sub ? await this.dataSource.getRepository(UserEntity).findOneBy({ id: sub }) : null;
    if (!user || !user.active || !isRole(user.role) || tv !== user.tokenVersion) throw unauthorized('Invalid or expired token');
    return { id: user.id, role: user.role, team: user.team, username: user.username, displayName: user.displayName };
  }
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_ROUNDS);
}

export function checkPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}
