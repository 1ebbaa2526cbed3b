import { Module } from '@nestjs/common';
import { CreditorLettersController } from './creditor-letters.controller';
import { CreditorLettersService } from './creditor-letters.service';

/** The correspondence of a debt mediation dossier with its creditors: GET /dossiers/:id/creditor-correspondence, POST …/creditor-letters. */
@Module({ controllers: [CreditorLettersController], providers: [CreditorLettersService] })
export class CreditorLettersModule {}
