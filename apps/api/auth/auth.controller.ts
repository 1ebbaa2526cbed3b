import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBody, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { JsonSchema } from '../../../libs/validation/schema';
import { Public } from '../common/current-user';
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
  @ApiBody({ schema: LOGIN as object })
  @ApiResponse({ status: 429, description: 'Too many failed logins for this username or from this address; see Retry-After' })
  login(@Body(new SchemaPipe(LOGIN)) body: { username: string; password: string }, @Ip() ip: string | undefined) {
    return this.auth.login(body.username, body.password, clientAddress(ip));
  }
}
