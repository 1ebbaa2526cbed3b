import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PARTNERS } from '../../../libs/db/entities/partner-message.entity';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import {
  ANY,
  ApiAuthenticated,
  ApiErrors,
  ApiFile,
  ApiOk,
  ApiPermission,
  ApiQuerySchema,
  ApiUuidParams,
  DATE,
  DATE_TIME,
  INTEGER,
  listOf,
  nullable,
  object,
  STRING,
  UUID,
} from '../common/openapi';
import { SchemaPipe } from '../common/schema.pipe';
import { NoticesService, PartnerExportQuery, PartnerMessageQuery } from './notices.service';
import { RECIPIENT_PARTY } from '../parties/party-view';

const LIST_QUERY: JsonSchema = {
  type: 'object',
  properties: {
    partner: { enum: PARTNERS },
    status: { enum: ['pending', 'exported', 'acknowledged', 'all'] },
    team: { type: 'string', maxLength: 63 },
  },
  additionalProperties: false,
};

const EXPORT_QUERY: JsonSchema = {
  type: 'object',
  required: ['partner'],
  properties: {
    partner: { enum: PARTNERS },
    format: { enum: ['json', 'csv'] },
    team: { type: 'string', maxLength: 63 },
  },
  additionalProperties: false,
};

const uuid = () => new ParseUUIDPipe({ errorHttpStatusCode: 404 });
const NOTICE = object(
  {
    id: UUID,
    key: STRING,
    kind: STRING,
    title: nullable(STRING),
    recipient: { ...STRING, description: "'client', 'party' (see recipientParty) or a partner of the outbox" },
    recipientParty: RECIPIENT_PARTY,
    channel: STRING,
    deliveryMode: nullable(STRING),
    dueDate: nullable(DATE),
    sentAt: nullable(DATE_TIME),
    trackingNumber: nullable(STRING),
    postedOn: nullable(DATE),
    notifiedOn: nullable(DATE),
    appealUntil: nullable(DATE),
    reminderOf: nullable(UUID),
    answeredAt: nullable(DATE_TIME),
    proof: ANY,
    pdf: { ...nullable(STRING), description: 'Where its PDF is downloaded (/notices/{id}/pdf), or null' },
    createdAt: DATE_TIME,
  },
  ['id', 'key', 'kind', 'recipient', 'channel'],
);
const PARTNER_MESSAGE = object(
  {
    id: UUID,
    dossierId: UUID,
    dossierReference: STRING,
    team: STRING,
    partner: { enum: PARTNERS },
    kind: STRING,
    partnerRef: nullable(STRING),
    status: { enum: ['pending', 'exported', 'acknowledged'] },
    dueDate: nullable(DATE),
    createdAt: DATE_TIME,
    exportedAt: nullable(DATE_TIME),
    acknowledgedAt: nullable(DATE_TIME),
    acknowledgedBy: nullable(UUID),
    reminderCount: INTEGER,
    payload: ANY,
  },
  ['id', 'dossierId', 'partner', 'kind', 'status'],
);
const ACKNOWLEDGED = object({ id: UUID, acknowledgedAt: DATE_TIME, acknowledgedBy: UUID }, ['id', 'acknowledgedAt', 'acknowledgedBy']);

@ApiTags('notices')
@ApiAuthenticated()
@Controller()
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  /** The dossier's letters and notices, with delivery, notification date and appeal term. */
  @Get('dossiers/:id/notices')
  @ApiUuidParams('id')
  @ApiOk(listOf(NOTICE), "The dossier's letters and notices (an audited read)")
  @ApiPermission('notice:read')
  @ApiErrors(404)
  list(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string) {
    return this.notices.listForDossier(actor, id);
  }

  /** The letter as a PDF download. */
  @Get('notices/:id/pdf')
  @ApiUuidParams('id')
  @ApiFile('The letter', 'application/pdf')
  @ApiPermission('notice:read')
  @ApiErrors(404)
  async pdf(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string): Promise<StreamableFile> {
    const { filename, pdf } = await this.notices.pdf(actor, id);
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `attachment; filename="${filename}"`, length: pdf.length });
  }

  /** The outbox of messages to partners (POD MI forms, forwarded requests, ...). */
  @Get('partner-messages')
  @ApiQuerySchema(LIST_QUERY)
  @ApiOk(listOf(PARTNER_MESSAGE), 'The messages to partners (at most 500; an audited read)')
  @ApiPermission('partner-message:read')
  @ApiErrors(404)
  listPartnerMessages(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(LIST_QUERY)) query: PartnerMessageQuery) {
    return this.notices.listPartnerMessages(actor, query);
  }

  /** A file of the partner's messages not exported yet (JSON or CSV); they are marked exported. */
  @Get('partner-messages/export')
  @ApiQuerySchema(EXPORT_QUERY)
  @ApiFile('The messages not exported yet, now marked exported', 'application/json', 'text/csv')
  @ApiPermission('partner-message:export')
  @ApiErrors(404)
  async exportPartnerMessages(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(EXPORT_QUERY)) query: PartnerExportQuery): Promise<StreamableFile> {
    const file = await this.notices.exportPartnerMessages(actor, query);
    return new StreamableFile(file.body, { type: file.contentType, disposition: `attachment; filename="${file.filename}"`, length: file.body.length });
  }

  @Post('partner-messages/:id/acknowledge')
  @HttpCode(200)
  @ApiUuidParams('id')
  @ApiOk(ACKNOWLEDGED, "The partner's receipt, recorded; the dossier's workflow is told")
  @ApiPermission('partner-message:acknowledge')
  @ApiErrors(404, 409)
  acknowledge(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string) {
    return this.notices.acknowledge(actor, id);
  }
}
