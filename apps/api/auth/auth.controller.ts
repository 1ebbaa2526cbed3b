import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { JsonSchema } from '../../../libs/validation/schema';
import { Public } from '../common/current-user';
import { ApiBodySchema, ApiErrors, ApiOk, DATE_TIME, object, STRING } from '../common/openapi';
import { SchemaPipe } from '../common/schema.pipe';
import { AuthService } from './auth.service';
import { clientAddress } from './login-throttle';

const LOGIN: JsonSchema = {
  type: 'object',
  required: ['username', 'password'],
  properties: { username: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[^\\u0000-\\u001f]+$' }, password: { type: 'string', minLength: 1, maxLength: 200 } },
  additionalProperties: false,
};

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiBodySchema(LOGIN)
  @ApiOk(object({ accessToken: { ...STRING, description: 'The bearer token' }, expiresAt: DATE_TIME }, ['accessToken', 'expiresAt']), 'Logged in')
  @ApiErrors(400, 401, 429, 503)
  login(@Body(new SchemaPipe(LOGIN)) body: { username: string; password: string }, @Ip() ip: string | undefined) {
    return this.auth.login(body.username, body.password, clientAddress(ip));
  }
}
