import { Controller, Get, Param, ParseUUIDPipe, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../common/current-user';
import { ApiAuthenticated, ApiErrors, ApiFile, ApiPermission, ApiUuidParams } from '../common/openapi';
import { SubjectExportService } from './subject-export.service';

@ApiTags('persons')
@ApiAuthenticated()
@Controller('persons')
export class SubjectExportController {
  constructor(private readonly exports: SubjectExportService) {}

  @Get(':id/export')
  @ApiUuidParams('id')
  @ApiFile(
    "Everything kept about the person (GDPR art. 15), for the DPO: a ZIP with gegevens.json (person, identifiers, every dossier as applicant or household member with its tasks, notes, letters, payments, documents, and who read the file), LEESMIJ.txt, the letters (brieven/) and documents (documenten/). A merged record answers with the record kept. Audited (person.exported)",
    'application/zip',
  )
  @ApiPermission('person:export')
  @ApiErrors(404)
  async export(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string): Promise<StreamableFile> {
    const { zip, fileName } = await this.exports.export(actor, id);
    return new StreamableFile(zip, { type: 'application/zip', disposition: `attachment; filename="${fileName}"`, length: zip.length });
  }
}
