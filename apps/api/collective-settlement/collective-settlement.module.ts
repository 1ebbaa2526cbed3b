import { Module } from '@nestjs/common';
import { BudgetInventoryModule } from '../budget-inventory/budget-inventory.module';
import { DocumentsModule } from '../documents/documents.module';
import { EventsModule } from '../events/events.module';
import { CollectiveSettlementController } from './collective-settlement.controller';
import { CollectiveSettlementService } from './collective-settlement.service';

/** The collective debt settlement of a debt mediation dossier: GET /dossiers/:id/csr, POST /dossiers/:id/csr-petition. */
@Module({ imports: [BudgetInventoryModule, DocumentsModule, EventsModule], controllers: [CollectiveSettlementController], providers: [CollectiveSettlementService] })
export class CollectiveSettlementModule {}
