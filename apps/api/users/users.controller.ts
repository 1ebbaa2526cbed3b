import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { ROLES } from '../../../libs/auth/roles';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
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

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiBody({ schema: NEW_USER as object })
  create(@CurrentUser() actor: AuthUser, @Body(new SchemaPipe(NEW_USER)) body: NewUser) {
    return this.users.create(actor, body);
  }

  @Get()
  list(@CurrentUser() actor: AuthUser) {
    return this.users.list(actor);
  }

  @Post('me/password')
  @HttpCode(204)
  @ApiBody({ schema: CHANGE_PASSWORD as object })
  async changePassword(@CurrentUser() actor: AuthUser, @Body(new SchemaPipe(CHANGE_PASSWORD)) body: { currentPassword: string; newPassword: string }) {
    await this.users.changeOwnPassword(actor, body.currentPassword, body.newPassword);
  }

  @Post(':id/password')
  @HttpCode(204)
  @ApiBody({ schema: RESET_PASSWORD as object })
  async resetPassword(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
    @Body(new SchemaPipe(RESET_PASSWORD)) body: { newPassword: string },
  ) {
    await this.users.resetPassword(actor, id, body.newPassword);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  deactivate(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string) {
    return this.users.deactivate(actor, id);
  }
}
