import { Module } from '@nestjs/common';
import { DossierRelationsController } from './dossier-relations.controller';
import { DossierRelationsService } from './dossier-relations.service';

/** Linked dossiers and the household persons of a dossier (GET /dossiers/:id shows both). */
@Module({ controllers: [DossierRelationsController], providers: [DossierRelationsService] })
export class DossierRelationsModule {}
