import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { passwordProblems, PasswordRules, passwordRules } from '../../../libs/auth/password-policy';
import { Role } from '../../../libs/auth/roles';
import type { AppConfig } from '../../../libs/config/config';
import type { SchemaError } from '../../../libs/validation/schema';
import { audit } from '../../../libs/db/audit';
import { UserEntity } from '../../../libs/db/entities';
import { checkPassword, hashPassword } from '../auth/auth.service';
import { authorize } from '../common/authorize';
import type { AuthUser } from '../common/current-user';
import { conflict, notFound, ValidationError } from '../common/errors';
import { CONFIG } from '../common/tokens';

export interface NewUser {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  team: string;
}

export function userView(u: UserEntity) {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, team: u.team, active: u.active };
}

const REUSED: Omit<SchemaError, 'path'> = { code: 'password-reused', message: 'is het huidige wachtwoord; kies een nieuw' };

@Injectable()
export class UsersService {
  private readonly rules: PasswordRules;
  private readonly oidcIssuer: string | null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CONFIG) config: AppConfig,
  ) {
    this.rules = passwordRules(config);
    this.oidcIssuer = config.oidc?.issuer ?? null;
  }

  /** The password rules (libs/auth/password-policy), checked once the request is otherwise valid; 400, nothing changes. */
  private passwordErrors(password: string, path: string, user: { username: string; displayName: string; team: string }): SchemaError[] {
    return passwordProblems(password, this.rules, { path, username: user.username, userInputs: [user.team, ...user.displayName.split(/\s+/)] });
  }

  async create(actor: AuthUser, input: NewUser) {
    authorize(actor, 'user:manage');
    const errors = this.passwordErrors(input.password, '/password', input);
    if (errors.length) throw new ValidationError(errors);
    return this.dataSource.transaction(async (tx) => {
      if (await tx.existsBy(UserEntity, { username: input.username })) throw conflict('This username is taken');
      const user = await tx.save(
        tx.create(UserEntity, {
          username: input.username,
          passwordHash: await hashPassword(input.password),
          displayName: input.displayName,
          role: input.role,
          team: input.team,
        }),
      );
      await audit(tx, actor, 'user.created', { details: { userId: user.id, role: user.role, team: user.team } });
      return userView(user);
    });
  }

  async list(actor: AuthUser) {
    // Team leads see their own team (to assign and reassign); admins everyone.
    if (actor.role !== 'admin') authorize(actor, 'task:assign');
    const where = actor.role === 'admin' ? {} : { team: actor.team };
    const users = await this.dataSource.getRepository(UserEntity).find({ where, order: { username: 'ASC' } });
    return { items: users.map(userView), total: users.length };
  }

  /** The user's accounts at the OpenID provider (single sign-on), as the admin mapped them. */
  async identities(actor: AuthUser, userId: string) {
    authorize(actor, 'user:manage');
    if (!(await this.dataSource.getRepository(UserEntity).existsBy({ id: userId }))) throw notFound('User');
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT id, issuer, subject, created_at, last_login_at FROM user_identities WHERE user_id = $1 ORDER BY created_at, id`,
      [userId],
    );
    const items = rows.map(identityView);
    return { items, total: items.length };
  }

  /**
   * Maps an account at the OpenID provider to the user (its subject id: `sub`, or Entra ID's `oid` — never an e-mail
   * address). The issuer defaults to the configured provider's. One account maps to one user: again is 409.
   */
  async addIdentity(actor: AuthUser, userId: string, input: { subject: string; issuer?: string }) {
    authorize(actor, 'user:manage');
    const issuer = input.issuer ?? this.oidcIssuer;
    if (!issuer) throw new ValidationError([{ path: '/issuer', code: 'required', message: 'single sign-on is not configured: give the issuer' }]);
    return this.dataSource.transaction(async (tx) => {
      if (!(await tx.existsBy(UserEntity, { id: userId }))) throw notFound('User');
      const [row] = await tx.query(
        `INSERT INTO user_identities (user_id, issuer, subject, created_by) VALUES ($1, $2, $3, $4) ON CONFLICT (issuer, subject) DO NOTHING
         RETURNING id, issuer, subject, created_at, last_login_at`,
        [userId, issuer, input.subject, actor.id],
      );
      if (!row) {
        const [existing] = await tx.query(`SELECT id, user_id FROM user_identities WHERE issuer = $1 AND subject = $2`, [issuer, input.subject]);
        throw conflict('This account is already mapped to a user', { existingId: existing?.id, userId: existing?.user_id });
      }
      await audit(tx, actor, 'user.identity-added', { details: { userId, identityId: row.id, issuer } });
      return identityView(row);
    });
  }

  async removeIdentity(actor: AuthUser, userId: string, identityId: string): Promise<void> {
    authorize(actor, 'user:manage');
    await this.dataSource.transaction(async (tx) => {
      const rows = await tx.query(`WITH gone AS (DELETE FROM user_identities WHERE id = $1 AND user_id = $2 RETURNING id, issuer) SELECT * FROM gone`, [identityId, userId]);
      if (rows.length === 0) throw notFound('Identity');
      await audit(tx, actor, 'user.identity-removed', { details: { userId, identityId, issuer: rows[0].issuer } });
    });
  }

  async deactivate(actor: AuthUser, id: string) {
    authorize(actor, 'user:manage');
    return this.dataSource.transaction(async (tx) => {
      const user = await tx.findOneBy(UserEntity, { id });
      if (!user) throw notFound('User');
      if (user.id === actor.id) throw conflict('You cannot deactivate yourself');
      if (!user.active) throw conflict('The user is already deactivated');
      await tx.update(UserEntity, { id }, { active: false, tokenVersion: () => 'token_version + 1' });
      await audit(tx, actor, 'user.deactivated', { details: { userId: id } });
      return userView({ ...user, active: false });
    });
  }

  async changeOwnPassword(actor: AuthUser, currentPassword: string, newPassword: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const user = await tx.findOneOrFail(UserEntity, { where: { id: actor.id }, lock: { mode: 'pessimistic_write' } });
      const current = await checkPassword(currentPassword, user.passwordHash);
      const errors: SchemaError[] = [
        ...(current ? [] : [{ path: '/currentPassword', code: 'incorrect', message: 'is not your current password' }]),
        ...this.passwordErrors(newPassword, '/newPassword', user),
      ];
      if (current && errors.length === 0 && newPassword === currentPassword) errors.push({ path: '/newPassword', ...REUSED });
      if (errors.length) throw new ValidationError(errors);
      // Every token issued before, this request's included, ends here: log in again with the new password.
      await tx.update(UserEntity, { id: actor.id }, { passwordHash: await hashPassword(newPassword), tokenVersion: () => 'token_version + 1' });
      await audit(tx, actor, 'user.password-changed');
    });
  }

  /** An admin sets another user's password (forgotten, or compromised): every token of that user ends. */
  async resetPassword(actor: AuthUser, id: string, newPassword: string): Promise<void> {
    authorize(actor, 'user:manage');
    await this.dataSource.transaction(async (tx) => {
      const user = await tx.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('User');
      if (user.id === actor.id) throw conflict('Change your own password with POST /users/me/password');
      const errors = this.passwordErrors(newPassword, '/newPassword', user);
      if (errors.length === 0 && (await checkPassword(newPassword, user.passwordHash))) errors.push({ path: '/newPassword', ...REUSED });
      if (errors.length) throw new ValidationError(errors);
      await tx.update(UserEntity, { id }, { passwordHash: await hashPassword(newPassword), tokenVersion: () => 'token_version + 1' });
      await audit(tx, actor, 'user.password-reset', { details: { userId: id } });
    });
  }
}

function identityView(r: Record<string, unknown>) {
  return {
    id: r.id as string,
    issuer: r.issuer as string,
    subject: r.subject as string,
    createdAt: (r.created_at as Date).toISOString(),
    lastLoginAt: r.last_login_at ? (r.last_login_at as Date).toISOString() : null,
  };
}
