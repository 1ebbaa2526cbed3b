import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor } from '../../../libs/auth/permissions';

export interface AuthUser extends Actor {
  username: string;
  /** The name a person reads ("An Maatschappelijk Assistent"): never in logs. */
  displayName: string;
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest().user);

export const IS_PUBLIC = 'ocmw:public';
/** A route anyone may call without a token (login, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
