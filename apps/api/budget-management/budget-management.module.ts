import { Module } from '@nestjs/common';
import { BudgetAccountService } from './budget-account.service';
import { BudgetManagementController, StatementUploadInterceptor } from './budget-management.controller';
import { BudgetPlanService } from './budget-plan.service';

/** Budget management of a debt mediation dossier: the budget plan (GET/PUT …/budget-plan) and its account (GET …/budget-account, POST …/budget-account/statements). */
@Module({ controllers: [BudgetManagementController], providers: [BudgetPlanService, BudgetAccountService, StatementUploadInterceptor] })
export class BudgetManagementModule {}
