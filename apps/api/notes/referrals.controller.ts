import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import { ApiAuthenticated, ApiBodySchema, ApiErrors, ApiOk, ApiPermission, ApiUuidParams, listOf } from '../common/openapi';
import { SchemaPipe } from '../common/schema.pipe';
import { NewReferral, REFERRAL, ReferralsService } from './referrals.service';

const TEXT = { type: 'string', minLength: 1, maxLength: 2000, pattern: '\\S' } as const;
const NEW_REFERRAL: JsonSchema = {
  type: 'object',
  required: ['partyId', 'reason', 'referredOn', 'followUpOn'],
  properties: {
    partyId: { type: 'string', format: 'uuid', description: 'The partner, a party of the registry (CAW, CGG, a lawyer, …)' },
    reason: TEXT,
    referredOn: { type: 'string', format: 'date' },
    followUpOn: { type: 'string', format: 'date', description: 'Not before referredOn' },
  },
  additionalProperties: false,
} as JsonSchema;
const CLOSE: JsonSchema = { type: 'object', required: ['outcome'], properties: { outcome: TEXT }, additionalProperties: false } as JsonSchema;
const uuid = () => new ParseUUIDPipe({ errorHttpStatusCode: 404 });

@ApiTags('referrals')
@ApiAuthenticated()
@Controller()
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Get('dossiers/:id/referrals')
  @ApiUuidParams('id')
  @ApiOk(listOf(REFERRAL), 'The referrals of the dossier, latest first')
  @ApiPermission('note:read')
  @ApiErrors(404)
  list(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string) {
    return this.referrals.list(actor, id);
  }

  @Post('dossiers/:id/referrals')
  @ApiUuidParams('id')
  @ApiBodySchema(NEW_REFERRAL)
  @ApiOk(REFERRAL, 'Referred (in the timeline, audited); on the follow-up date the dossier opens the task "Opvolging doorverwijzing" for its social worker', 201)
  @ApiPermission('note:write')
  @ApiErrors(404, 409)
  create(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string, @Body(new SchemaPipe(NEW_REFERRAL)) body: NewReferral) {
    return this.referrals.create(actor, id, body);
  }

  @Post('referrals/:id/close')
  @ApiUuidParams('id')
  @ApiBodySchema(CLOSE)
  @ApiOk(REFERRAL, 'Closed with its outcome; a follow-up not due yet is called off, an open follow-up task cancelled', 201)
  @ApiPermission('note:write')
  @ApiErrors(404, 409)
  close(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string, @Body(new SchemaPipe(CLOSE)) body: { outcome: string }) {
    return this.referrals.close(actor, id, body);
  }
}
