import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { JsonSchema } from '../../../libs/validation/schema';
import { Public } from '../common/current-user';
import { SchemaPipe } from '../common/schema.pipe';
import { AuthService } from './auth.service';

const LOGIN: JsonSchema = {
  type: 'object',
  required: ['username', 'password'],
  properties: { username: { type: 'string', minLength: 1, maxLength: 100 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
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
  login(@Body(new SchemaPipe(LOGIN)) body: { username: string; password: string }) {
    return this.auth.login(body.username, body.password);
  }
}
