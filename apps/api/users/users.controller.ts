import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ROLES } from '../../../libs/auth/roles';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import { ApiAuthenticated, ApiBodySchema, ApiErrors, ApiNoContent, ApiOk, ApiPermission, ApiUuidParams, BOOLEAN, DATE_TIME, listOf, nullable, object, STRING, UUID } from '../common/openapi';
import { SchemaPipe } from '../common/schema.pipe';
import { NewUser, UsersService } from './users.service';

// The password rules (at least 12 characters, not guessable, …) are checked by the service: libs/auth/password-policy.
const PASSWORD: JsonSchema = { type: 'string', minLength: 1, maxLength: 200 };
export const NEW_USER: JsonSchema = {
  type: 'object',
  required: ['username', 'password', 'displayName', 'role', 'team'],
  properties: {
    username: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{1,62}$' },
    password: PASSWORD,
    // No control characters: PostgreSQL text holds no NUL (that would be a 500), and a name needs none.
    displayName: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[^\\u0000-\\u001f]+$' },
    role: { enum: [...ROLES] },
    team: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' },
  },
  additionalProperties: false,
};
/** An account at the OpenID provider: its subject id (sub / oid), never an e-mail address; the issuer defaults to the configured provider. */
const NEW_IDENTITY: JsonSchema = {
  type: 'object',
  required: ['subject'],
  properties: {
    subject: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[^\\u0000-\\u001f@\\s]+$', description: 'The provider\'s subject id (sub, or oid for Entra ID); not an e-mail address' },
    issuer: { type: 'string', maxLength: 500, pattern: '^https?://[^\\s]+$' },
  },
  additionalProperties: false,
};
const IDENTITY = object({ id: UUID, issuer: STRING, subject: STRING, createdAt: DATE_TIME, lastLoginAt: nullable(DATE_TIME) }, ['id', 'issuer', 'subject', 'createdAt', 'lastLoginAt']);
const RESET_PASSWORD: JsonSchema = {
  type: 'object',
  required: ['newPassword'],
  properties: { newPassword: PASSWORD },
  additionalProperties: false,
};
const CHANGE_PASSWORD: JsonSchema = {
  type: 'object',
  required: ['currentPassword', 'newPassword'],
  properties: { currentPassword: { type: 'string', minLength: 1, maxLength: 200 }, newPassword: PASSWORD },
  additionalProperties: false,
};
const USER = object({ id: UUID, username: STRING, displayName: STRING, role: { enum: [...ROLES] }, team: STRING, active: BOOLEAN }, [
  'id',
  'username',
  'displayName',
  'role',
  'team',
  'active',
]);

@ApiTags('users')
@ApiAuthenticated()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiBodySchema(NEW_USER)
  @ApiOk(USER, 'The user, created', 201)
  @ApiPermission('user:manage')
  @ApiErrors(409)
  create(@CurrentUser() actor: AuthUser, @Body(new SchemaPipe(NEW_USER)) body: NewUser) {
    return this.users.create(actor, body);
  }

  @Get()
  @ApiOk(listOf(USER))
  @ApiPermission('user:manage')
  list(@CurrentUser() actor: AuthUser) {
    return this.users.list(actor);
  }

  @Post('me/password')
  @HttpCode(204)
  @ApiBodySchema(CHANGE_PASSWORD)
  @ApiNoContent('Changed; tokens issued before are revoked')
  async changePassword(@CurrentUser() actor: AuthUser, @Body(new SchemaPipe(CHANGE_PASSWORD)) body: { currentPassword: string; newPassword: string }) {
    await this.users.changeOwnPassword(actor, body.currentPassword, body.newPassword);
  }

  @Post(':id/password')
  @HttpCode(204)
  @ApiBodySchema(RESET_PASSWORD)
  @ApiUuidParams('id')
  @ApiNoContent('Reset; their tokens issued before are revoked')
  @ApiPermission('user:manage')
  @ApiErrors(404, 409)
  async resetPassword(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
    @Body(new SchemaPipe(RESET_PASSWORD)) body: { newPassword: string },
  ) {
    await this.users.resetPassword(actor, id, body.newPassword);
  }

  @Get(':id/identities')
  @ApiUuidParams('id')
  @ApiOk(listOf(IDENTITY), "The user's accounts at the OpenID provider (single sign-on)")
  @ApiPermission('user:manage')
  @ApiErrors(404)
  identities(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string) {
    return this.users.identities(actor, id);
  }

  @Post(':id/identities')
  @ApiUuidParams('id')
  @ApiBodySchema(NEW_IDENTITY)
  @ApiOk(IDENTITY, 'Mapped: this account at the provider signs in as the user (audited)', 201)
  @ApiPermission('user:manage')
  @ApiErrors(404, 409)
  addIdentity(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
    @Body(new SchemaPipe(NEW_IDENTITY)) body: { subject: string; issuer?: string },
  ) {
    return this.users.addIdentity(actor, id, body);
  }

  @Delete(':id/identities/:identityId')
  @HttpCode(204)
  @ApiUuidParams('id', 'identityId')
  @ApiNoContent('The mapping is removed: that account no longer signs in (audited)')
  @ApiPermission('user:manage')
  @ApiErrors(404)
  async removeIdentity(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
    @Param('identityId', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) identityId: string,
  ) {
    await this.users.removeIdentity(actor, id, identityId);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiUuidParams('id')
  @ApiOk(USER, 'Deactivated')
  @ApiPermission('user:manage')
  @ApiErrors(404, 409)
  deactivate(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string) {
    return this.users.deactivate(actor, id);
  }
}
