import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PARTNER_ANSWERS, PARTNERS } from '../../../libs/db/entities/partner-message.entity';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import {
  ANY,
  ApiAuthenticated,
  ApiBodySchema,
  arrayOf,
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
import { NoticesService, PartnerAnswerBody, PartnerExportQuery, PartnerMessageQuery } from './notices.service';
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
const ANSWER_BODY: JsonSchema = {
  type: 'object',
  required: ['answer', 'answeredOn'],
  properties: {
    answer: { enum: [...PARTNER_ANSWERS], description: 'accepted (a claim in full unless reimbursedCents), partly-accepted, refused' },
    answeredOn: { type: 'string', format: 'date', 'x-notFuture': true },
    reimbursedCents: { type: 'integer', minimum: 0, maximum: 100_000_000, description: 'A cost claim (D1, D2, F) only' },
    reason: { type: 'string', minLength: 1, maxLength: 2000 },
  },
  additionalProperties: false,
  allOf: [
    { if: { properties: { answer: { const: 'refused' } }, required: ['answer'] }, then: { required: ['reason'], description: 'why POD MI refuses' } },
    { if: { properties: { answer: { const: 'partly-accepted' } }, required: ['answer'] }, then: { required: ['reason'], description: 'why not all is reimbursed' } },
  ],
};
const ANSWERED = object(
  { id: UUID, answer: { enum: [...PARTNER_ANSWERS] }, answeredOn: DATE, claimedCents: nullable(INTEGER), reimbursedCents: nullable(INTEGER) },
  ['id', 'answer', 'answeredOn', 'claimedCents', 'reimbursedCents'],
);
const REIMBURSEMENT_FILE = object(
  {
    dossierId: UUID,
    forms: arrayOf(object({
      id: UUID, form: { ...STRING, example: 'B1' }, label: STRING, title: STRING, description: { ...STRING, description: 'Dutch' },
      status: { enum: ['pending', 'exported', 'acknowledged'] }, dueDate: nullable(DATE), createdAt: DATE_TIME, exportedAt: nullable(DATE_TIME),
      acknowledgedAt: nullable(DATE_TIME), reminderCount: INTEGER, answer: nullable({ enum: [...PARTNER_ANSWERS] }), answeredOn: nullable(DATE),
      answerReason: nullable(STRING), claimedCents: nullable(INTEGER), reimbursedCents: nullable(INTEGER),
    }, ['id', 'form', 'label', 'title', 'description', 'status', 'createdAt', 'reminderCount', 'claimedCents', 'reimbursedCents'])),
    totals: object(
      { claimedCents: INTEGER, reimbursedCents: INTEGER, refusedCents: INTEGER, outstandingCents: INTEGER },
      ['claimedCents', 'reimbursedCents', 'refusedCents', 'outstandingCents'],
    ),
  },
  ['dossierId', 'forms', 'totals'],
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

  /** POD MI's answer to a Wet 1965 form or cost claim, with the amount reimbursed; also its receipt. */
  @Post('partner-messages/:id/answer')
  @HttpCode(200)
  @ApiUuidParams('id')
  @ApiBodySchema(ANSWER_BODY)
  @ApiOk(ANSWERED, "POD MI's answer, recorded on the dossier (and the receipt, if not recorded yet)")
  @ApiPermission('partner-message:answer')
  @ApiErrors(400, 404, 409)
  answer(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string, @Body(new SchemaPipe(ANSWER_BODY)) body: PartnerAnswerBody) {
    return this.notices.answer(actor, id, body);
  }

  /** The dossier's state-reimbursement file (Wet 1965): its forms to POD MI, the answers, the amounts. */
  @Get('dossiers/:id/reimbursement')
  @ApiUuidParams('id')
  @ApiOk(REIMBURSEMENT_FILE, "The dossier's Wet 1965 forms with POD MI's answers and the totals (an audited read)")
  @ApiPermission('partner-message:read')
  @ApiErrors(404)
  reimbursement(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string) {
    return this.notices.reimbursementFile(actor, id);
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
