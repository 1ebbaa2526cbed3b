import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import multer from 'multer';
import type { Observable } from 'rxjs';
import type { AppConfig } from '../../../libs/config/config';
import { ApiError, ValidationError } from '../common/errors';
import { CONFIG } from '../common/tokens';

/** The one file part of an upload, as multer keeps it in memory. */
export interface UploadedDocument {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

export const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/**
 * Reads a multipart/form-data upload (multer, in memory): one file in the field `file`, a few text fields. Runs after
 * the guard (only a signed-in caller's body is read). Its refusals are in the one error shape: a file larger than
 * `maxBytes` 413, any other malformed upload 400 — and nothing is stored for either. Documents and bank statements.
 */
export abstract class SingleFileInterceptor implements NestInterceptor {
  private readonly upload: ReturnType<ReturnType<typeof multer>['single']>;

  constructor(private readonly maxBytes: number) {
    this.upload = multer({
      storage: multer.memoryStorage(),
      limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6, fieldSize: 1024 },
      // Browsers send the file name as UTF-8 without saying so ("loonfiche mei – Gënt.pdf").
      defParamCharset: 'utf8',
    }).single('file');
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    await new Promise<void>((resolve, reject) => {
      this.upload(http.getRequest(), http.getResponse(), (err: unknown) => (err ? reject(this.refusal(err)) : resolve()));
    });
    return next.handle();
  }

  private refusal(err: unknown): ApiError {
    if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE') {
      const message = `The file is larger than ${megabytes(this.maxBytes)}`;
      return new ApiError(413, message, { errors: [{ path: '/file', code: 'too-large', message }] });
    }
    if (err instanceof multer.MulterError) {
      const path = err.code === 'LIMIT_UNEXPECTED_FILE' || err.code === 'LIMIT_FILE_COUNT' ? '/file' : '';
      return new ValidationError([{ path, code: 'malformed', message: `not an upload this route takes: one file in the field "file" and its kind (${err.code})` }], 'The upload is not valid');
    }
    return new ValidationError([{ path: '', code: 'malformed', message: `not a readable multipart/form-data body (${err instanceof Error ? err.message : String(err)})` }], 'The upload is not valid');
  }
}

/** A document's upload: at most OCMW_DOCUMENT_MAX_BYTES. */
@Injectable()
export class UploadInterceptor extends SingleFileInterceptor {
  constructor(@Inject(CONFIG) config: AppConfig) {
    super(config.documents.maxBytes);
  }
}
