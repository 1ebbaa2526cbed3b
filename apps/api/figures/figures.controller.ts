import { Body, Controller, Get, Inject, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import { ApiAuthenticated, ApiBodySchema, ApiErrors, ApiOk, ApiOkOrFile, ApiPermission, ApiQuerySchema, INTEGER, listOf, nullable, object, STRING, UUID, DATE } from '../common/openapi';
import type { Schema } from '../common/openapi';
import { SchemaPipe } from '../common/schema.pipe';
import { CSV_TYPE, exportFormat, FigureTable, toCsv, toXlsx, XLSX_TYPE } from './figure-table';
import type { AppConfig } from '../../../libs/config/config';
import { todayIn } from '../../../libs/deadlines/calendar-date';
import { debtAnnualReportDocument, DebtReportRow } from '../../../libs/notices/debt-annual-report';
import { letterhead } from '../../../libs/notices/letter-context';
import { renderPdf } from '../../../libs/notices/pdf';
import { CONFIG } from '../common/tokens';
import { FiguresQuery, FiguresService } from './figures.service';

const MONTH = { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' } as const;
const QUERY: JsonSchema = {
  type: 'object',
  properties: {
    from: { ...MONTH, description: 'First month, YYYY-MM (default: eleven months before `to`)' },
    to: { ...MONTH, description: 'Last month, YYYY-MM (default: this month); at most 60 months from `from`' },
    team: { type: 'string', maxLength: 63 },
    format: { enum: ['json', 'csv', 'xlsx'], description: 'json (default), csv (UTF-8 with BOM, `;`, Dutch numbers and dates) or xlsx; or ask by Accept' },
  },
  additionalProperties: false,
};
const MONTH_OUT = { type: 'string', description: 'YYYY-MM' };
const figure = (item: Schema) => object({ ...(listOf(item) as { properties: Record<string, Schema> }).properties, from: MONTH_OUT, to: MONTH_OUT, team: nullable(STRING) }, ['items', 'total', 'from', 'to', 'team']);
const DEADLINES = figure(
  object({ month: MONTH_OUT, ruleId: STRING, title: STRING, due: INTEGER, onTime: INTEGER, late: INTEGER, pending: INTEGER, onTimePercent: nullable({ type: 'number' }) },
    ['month', 'ruleId', 'title', 'due', 'onTime', 'late', 'pending', 'onTimePercent']),
);
const BREACHES = figure(object({ month: MONTH_OUT, cause: STRING, causeLabel: STRING, breaches: INTEGER }, ['month', 'cause', 'causeLabel', 'breaches']));
const WORKLOAD = figure(
  object({ day: DATE, userId: UUID, displayName: STRING, team: STRING, openTasks: INTEGER, overdueTasks: INTEGER }, ['day', 'userId', 'displayName', 'team', 'openTasks', 'overdueTasks']),
);
const DOSSIERS = figure(object({ month: MONTH_OUT, procedure: STRING, procedureTitle: STRING, opened: INTEGER, closed: INTEGER }, ['month', 'procedure', 'procedureTitle', 'opened', 'closed']));
const DEBT_REPORT_QUERY: JsonSchema = {
  type: 'object',
  required: ['year'],
  properties: {
    year: { type: 'string', pattern: '^20[0-9]{2}$', description: 'The calendar year reported on (the report is due by 31 March of the next year)' },
    team: { type: 'string', maxLength: 63 },
    format: { enum: ['json', 'csv', 'xlsx', 'pdf'], description: 'json (default), csv, xlsx, or pdf (the report as a document)' },
  },
  additionalProperties: false,
};
const DEBT_REPORT = object({
  year: INTEGER, team: nullable(STRING), dueDate: DATE, total: INTEGER,
  submitted: nullable(object({ submittedOn: DATE, submittedBy: STRING }, ['submittedOn', 'submittedBy'])),
  items: { type: 'array', items: object({ team: STRING, type: STRING, typeLabel: STRING, opened: INTEGER, closed: INTEGER, runningAtYearEnd: INTEGER }, ['team', 'type', 'typeLabel', 'opened', 'closed', 'runningAtYearEnd']) },
}, ['year', 'team', 'dueDate', 'total', 'items', 'submitted']);
const DEBT_REPORT_SUBMISSION: JsonSchema = {
  type: 'object',
  required: ['year'],
  properties: {
    year: { type: 'integer', minimum: 2000, maximum: 2099, description: 'The calendar year reported on (ended)' },
    submittedOn: { type: 'string', format: 'date', description: 'The day it was sent to the department (default today); after the year, not after today' },
  },
  additionalProperties: false,
};
const DEBT_REPORT_SUBMITTED = object(
  { year: INTEGER, submittedOn: DATE, submittedBy: UUID, rows: INTEGER, clock: { enum: ['met', 'none'] } },
  ['year', 'submittedOn', 'submittedBy', 'rows', 'clock'],
);
const HEATING_QUERY: JsonSchema = {
  type: 'object',
  required: ['month'],
  properties: {
    month: { ...MONTH, description: 'The month of the decisions, YYYY-MM (the Fund reimburses them the month after)' },
    team: { type: 'string', maxLength: 63 },
    format: { enum: ['json', 'csv', 'xlsx'], description: 'json (default), csv or xlsx; or ask by Accept' },
  },
  additionalProperties: false,
};
const HEATING_REPORT = object({
  month: MONTH_OUT, team: nullable(STRING), total: INTEGER, totalCents: INTEGER,
  items: { type: 'array', items: object({
    reference: STRING, decisionDate: DATE, category: INTEGER, fuel: STRING, fuelLabel: STRING, litres: INTEGER, amountCents: INTEGER, payee: { enum: ['cliënt', 'leverancier'] }, team: STRING,
  }, ['reference', 'decisionDate', 'category', 'fuel', 'fuelLabel', 'litres', 'amountCents', 'payee', 'team']) },
  totals: { type: 'array', items: object({ category: INTEGER, allowances: INTEGER, litres: INTEGER, amountCents: INTEGER }, ['category', 'allowances', 'litres', 'amountCents']) },
}, ['month', 'team', 'total', 'totalCents', 'items', 'totals']);
const PDF_TYPE = 'application/pdf';

interface AcceptRequest {
  headers: { accept?: string };
}

/** The team lead's figures (issue 11): each as JSON for the charts, or as a CSV or XLSX file of the same table. */
@ApiTags('figures')
@ApiAuthenticated()
@Controller('figures')
export class FiguresController {
  constructor(
    private readonly figures: FiguresService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  private async send<R>(answer: { json: unknown; table: FigureTable<R> }, format: string | undefined, accept: string | undefined) {
    const chosen = exportFormat(format, accept);
    if (chosen === 'json') return answer.json;
    const [body, type] = chosen === 'csv' ? [toCsv(answer.table), CSV_TYPE] : [await toXlsx(answer.table), XLSX_TYPE];
    return new StreamableFile(body, { type, disposition: `attachment; filename="${answer.table.fileName}.${chosen}"` });
  }

  @Get('deadlines')
  @ApiQuerySchema(QUERY)
  @ApiOkOrFile(DEADLINES, 'Duty deadlines due per month and rule: met on time, late (met late or breached), pending', CSV_TYPE, XLSX_TYPE)
  @ApiPermission('figures:read')
  @ApiErrors(404)
  async deadlines(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(QUERY)) query: FiguresQuery, @Req() req: AcceptRequest) {
    return this.send(await this.figures.deadlines(actor, query), query.format, req.headers.accept);
  }

  @Get('breaches')
  @ApiQuerySchema(QUERY)
  @ApiOkOrFile(BREACHES, "Breached deadlines per month and cause ('onbekend': acknowledged before causes were kept, or not yet)", CSV_TYPE, XLSX_TYPE)
  @ApiPermission('figures:read')
  @ApiErrors(404)
  async breaches(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(QUERY)) query: FiguresQuery, @Req() req: AcceptRequest) {
    return this.send(await this.figures.breaches(actor, query), query.format, req.headers.accept);
  }

  @Get('workload')
  @ApiQuerySchema(QUERY)
  @ApiOkOrFile(WORKLOAD, "Each worker's open and overdue tasks per day, from the daily snapshots", CSV_TYPE, XLSX_TYPE)
  @ApiPermission('figures:read')
  @ApiErrors(404)
  async workload(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(QUERY)) query: FiguresQuery, @Req() req: AcceptRequest) {
    return this.send(await this.figures.workload(actor, query), query.format, req.headers.accept);
  }

  @Get('dossiers')
  @ApiQuerySchema(QUERY)
  @ApiOkOrFile(DOSSIERS, 'Dossiers opened and closed per month and procedure', CSV_TYPE, XLSX_TYPE)
  @ApiPermission('figures:read')
  @ApiErrors(404)
  async dossiers(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(QUERY)) query: FiguresQuery, @Req() req: AcceptRequest) {
    return this.send(await this.figures.dossiers(actor, query), query.format, req.headers.accept);
  }

  @Get('heating-allowances')
  @ApiQuerySchema(HEATING_QUERY)
  @ApiOkOrFile(HEATING_REPORT, 'HF-4: the heating allowances granted in a month (by decision date) and ordered for payment, with the totals per category — what the Sociaal Verwarmingsfonds reimburses the OCMW the month after', CSV_TYPE, XLSX_TYPE)
  @ApiPermission('figures:read')
  @ApiErrors(400, 404)
  async heatingAllowances(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(HEATING_QUERY)) query: { month: string; team?: string; format?: string }, @Req() req: AcceptRequest) {
    return this.send(await this.figures.heatingAllowances(actor, query), query.format, req.headers.accept);
  }

  @Get('debt-mediation-report')
  @ApiQuerySchema(DEBT_REPORT_QUERY)
  @ApiOkOrFile(DEBT_REPORT, "The annual report and basic registration of debt mediation files for the Flemish department (due 31 March of the next year): per team and type of file, opened and closed in the year and running at its end", CSV_TYPE, XLSX_TYPE, PDF_TYPE)
  @ApiPermission('figures:read')
  @ApiErrors(404)
  async debtMediationReport(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(DEBT_REPORT_QUERY)) query: { year: string; team?: string; format?: string }, @Req() req: AcceptRequest) {
    const year = Number(query.year);
    const answer = await this.figures.debtMediationReport(actor, { year, team: query.team });
    // ?format=pdf, or no format and a PDF asked by Accept; every other answer the figures' own (JSON, CSV, XLSX).
    const pdf = query.format === 'pdf' || (query.format === undefined && !!req.headers.accept?.includes(PDF_TYPE));
    if (!pdf) return this.send(answer, query.format, req.headers.accept);
    const document = debtAnnualReportDocument({
      year, date: answer.json.submitted?.submittedOn ?? todayIn(this.config.timeZone), ocmwName: this.config.ocmw.name, team: answer.json.team, rows: answer.table.rows as DebtReportRow[],
    });
    const body = await renderPdf(document, letterhead(this.config));
    return new StreamableFile(body, { type: PDF_TYPE, disposition: `attachment; filename="${answer.table.fileName}.pdf"` });
  }

  @Post('debt-mediation-report/submission')
  @ApiBodySchema(DEBT_REPORT_SUBMISSION)
  @ApiOk(
    DEBT_REPORT_SUBMITTED,
    "The year's report marked submitted to the Flemish department: every team's figures frozen as they are now (the report of that year shows them from then on), and the DEBT-1 clock met on submittedOn (late after 31 March) if it runs (clock: met). 409: the year has not ended, or its report is already submitted",
    201,
  )
  @ApiPermission('report:submit')
  @ApiErrors(400, 403, 409)
  submitDebtReport(@CurrentUser() actor: AuthUser, @Body(new SchemaPipe(DEBT_REPORT_SUBMISSION)) body: { year: number; submittedOn?: string }) {
    return this.figures.submitDebtReport(actor, body);
  }
}
