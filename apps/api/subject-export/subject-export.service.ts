import { Inject, Injectable } from '@nestjs/common';
import JSZip from 'jszip';
import { DataSource } from 'typeorm';
import { NoticeEntity } from '../../../libs/db/entities';
import { noticePdf } from '../../../libs/notices/letter-context';
import type { AppConfig } from '../../../libs/config/config';
import { audit } from '../../../libs/db/audit';
import { collectSubjectExport, SECTIONS } from '../../../libs/db/subject-export';
import { todayIn } from '../../../libs/deadlines/calendar-date';
import { DocumentMissingError, type DocumentStore } from '../../../libs/documents';
import { formatCountNl, formatDateNl } from '../../../libs/format/dutch';
import { authorize } from '../common/authorize';
import type { AuthUser } from '../common/current-user';
import { notFound } from '../common/errors';
import { CONFIG } from '../common/tokens';
import { DOCUMENT_STORE } from '../documents/documents.service';

export interface SubjectExportFile {
  zip: Buffer;
  fileName: string;
}

/** A name safe inside the archive (no folders, no control characters). */
const safeName = (name: string) => name.replace(/[\\/\u0000-\u001f\u007f"]/g, '_').slice(0, 150) || 'bestand';

/**
 * The data subject's export (GDPR art. 15): a ZIP the DPO can hand over after review — gegevens.json (every section
 * of libs/db/subject-export.ts), LEESMIJ.txt (the reading guide in Dutch), the letters as PDF (brieven/) and the
 * documents as uploaded (documenten/). Every export is audited on the person.
 */
@Injectable()
export class SubjectExportService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async export(actor: AuthUser, requestedId: string): Promise<SubjectExportFile> {
    authorize(actor, 'person:export');
    // A record merged into another is answered with the record kept (which holds its dossiers now).
    const [root] = await this.dataSource.query(
      `WITH RECURSIVE up(id, merged_into, depth) AS (
         SELECT id, merged_into, 0 FROM persons WHERE id = $1
         UNION ALL SELECT p.id, p.merged_into, up.depth + 1 FROM persons p JOIN up ON p.id = up.merged_into WHERE up.depth < 20
       ) SELECT id FROM up WHERE merged_into IS NULL LIMIT 1`,
      [requestedId],
    );
    const found = root ? await collectSubjectExport(this.dataSource, root.id as string) : null;
    if (!found) throw notFound('Person');
    const { sections } = found;
    const personId = root.id as string;
    const subject = sections.persons.find((p) => p.id === personId)!;
    const zip = new JSZip();

    // The letters as the dossier screen gives them: the PDF stored when issued, or rendered from the stored letter.
    let letters = 0;
    const requestDateOf = new Map(sections.dossiers.map((d) => [d.id as string, d.request_date as string]));
    const notices = found.dossierIds.length
      ? await this.dataSource.getRepository(NoticeEntity).createQueryBuilder('n').addSelect('n.pdf').where('n.dossierId IN (:...ids)', { ids: found.dossierIds }).orderBy('n.createdAt').getMany()
      : [];
    for (const notice of notices) {
      const made = await noticePdf(this.dataSource.manager, this.config, notice, { id: notice.dossierId, requestDate: requestDateOf.get(notice.dossierId)! });
      if (!made) continue;
      zip.file(`brieven/${notice.createdAt.toISOString().slice(0, 10)}-${safeName(notice.key)}-${notice.id}.pdf`, made.pdf);
      letters += 1;
    }
    const missing: string[] = [];
    let stored = 0;
    for (const document of sections.documents) {
      const name = `documenten/${document.id}-${safeName(String(document.file_name))}`;
      try {
        zip.file(name, await this.store.get(String(document.storage_key)));
        stored += 1;
      } catch (err) {
        if (!(err instanceof DocumentMissingError)) throw err;
        missing.push(`${document.id} (${document.deleted_at ? 'verwijderd' : 'niet gevonden in de opslag'})`);
      }
    }

    const today = todayIn(this.config.timeZone);
    const made = new Date().toISOString();
    zip.file('gegevens.json', JSON.stringify({ gemaaktOp: made, persoon: personId, dossiers: found.dossierIds, secties: sections }, null, 2));
    const confidential = sections.case_notes.filter((n) => n.confidential).length;
    const asApplicant = sections.dossiers.filter((d) => d.subject_role === 'aanvrager').length;
    const guide = [
      'Inzage in de persoonsgegevens (artikel 15 AVG)',
      '',
      `Over: ${subject.first_name} ${subject.last_name}${subject.birth_date ? `, geboren op ${formatDateNl(String(subject.birth_date).slice(0, 10))}` : ''} (persoon ${personId})`,
      `Gemaakt op ${formatDateNl(today)} (${made}) door ${actor.username}`,
      `Registraties: ${formatCountNl(found.personIds.length)} (met de samengevoegde dubbele registraties)`,
      `Dossiers: ${formatCountNl(sections.dossiers.length)} (als aanvrager: ${formatCountNl(asApplicant)}, als gezinslid: ${formatCountNl(sections.dossiers.length - asApplicant)})`,
      '',
      'Na te kijken door de functionaris voor gegevensbescherming vóór overhandiging: de dossiers bevatten ook gegevens over',
      'gezinsleden en derden, en wat het beroepsgeheim beschermt (art. 15, lid 4 AVG; art. 50 OCMW-wet). Wat de persoon',
      'niet mag ontvangen, wordt weggelaten met vermelding van de reden.',
      ...(confidential > 0
        ? [`${formatCountNl(confidential)} vertrouwelijke dossiernotitie(s) staan erin zonder tekst (datum, soort en auteur): de tekst vraagt de DPO aan de teamverantwoordelijke.`]
        : []),
      '',
      'Inhoud van gegevens.json (per onderdeel het aantal records):',
      ...SECTIONS.map((s) => `- ${s.title} [${s.table}]: ${formatCountNl(sections[s.table].length)}`),
      '',
      `brieven/: ${formatCountNl(letters)} brieven als pdf (de andere berichten alleen in gegevens.json)`,
      `documenten/: ${formatCountNl(stored)} documenten${missing.length ? `; zonder bestand: ${missing.join(', ')}` : ''}`,
      '',
    ].join('\r\n');
    zip.file('LEESMIJ.txt', guide);
    const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    await this.dataSource.transaction((tx) =>
      audit(tx, actor, 'person.exported', { personId, details: { dossiers: found.dossierIds.length, documents: stored, letters, bytes: buffer.length } }),
    );
    return { zip: buffer, fileName: `inzage-${personId}.zip` };
  }
}
