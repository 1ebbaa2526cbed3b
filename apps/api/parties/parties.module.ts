import { Module } from '@nestjs/common';
import { DossierPartiesController, PartiesController } from './parties.controller';
import { PartiesService } from './parties.service';

@Module({ controllers: [PartiesController, DossierPartiesController], providers: [PartiesService] })
export class PartiesModule {}
