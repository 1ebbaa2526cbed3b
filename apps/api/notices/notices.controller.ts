import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PARTNERS } from '../../../libs/db/entities/partner-message.entity';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import { SchemaPipe } from '../common/schema.pipe';
import { NoticesService, PartnerExportQuery, PartnerMessageQuery } from './notices.service';

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

@ApiTags('notices')
@ApiBearerAuth()
@Controller()
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  /** The dossier's letters and notices, with delivery, notification date and appeal term. */
  @Get('dossiers/:id/notices')
  list(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string) {
    return this.notices.listForDossier(actor, id);
  }

  /** The letter as a PDF download. */
  @Get('notices/:id/pdf')
  async pdf(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string): Promise<StreamableFile> {
    const { filename, pdf } = await this.notices.pdf(actor, id);
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `attachment; filename="${filename}"`, length: pdf.length });
  }

  /** The outbox of messages to partners (POD MI forms, forwarded requests, ...). */
  @Get('partner-messages')
  listPartnerMessages(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(LIST_QUERY)) query: PartnerMessageQuery) {
    return this.notices.listPartnerMessages(actor, query);
  }

  /** A file of the partner's messages not exported yet (JSON or CSV); they are marked exported. */
  @Get('partner-messages/export')
  async exportPartnerMessages(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(EXPORT_QUERY)) query: PartnerExportQuery): Promise<StreamableFile> {
    const file = await this.notices.exportPartnerMessages(actor, query);
    return new StreamableFile(file.body, { type: file.contentType, disposition: `attachment; filename="${file.filename}"`, length: file.body.length });
  }

  @Post('partner-messages/:id/acknowledge')
  @HttpCode(200)
  acknowledge(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string) {
    return this.notices.acknowledge(actor, id);
  }
}
