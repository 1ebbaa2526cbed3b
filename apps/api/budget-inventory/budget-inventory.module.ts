import { Module } from '@nestjs/common';
import { BudgetInventoryController } from './budget-inventory.controller';
import { BudgetInventoryService } from './budget-inventory.service';

/** The budget inventory of a dossier: GET /dossiers/:id/inventory, POST …/incomes|expenses|debts, PATCH and DELETE per row. */
@Module({ controllers: [BudgetInventoryController], providers: [BudgetInventoryService], exports: [BudgetInventoryService] })
export class BudgetInventoryModule {}
