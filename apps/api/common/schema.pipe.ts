import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { todayIn } from '../../../libs/deadlines/calendar-date';
import { JsonSchema, validateSchema } from '../../../libs/validation/schema';
import { ValidationError } from './errors';

/** Validates a body or query against a JSON Schema (the same validator the workflows use); 400 with every error. */
@Injectable()
export class SchemaPipe implements PipeTransform {
  constructor(
    private readonly schema: JsonSchema,
    private readonly timeZone = 'Europe/Brussels',
  ) {}

  transform(value: unknown, _metadata: ArgumentMetadata): unknown {
    const errors = validateSchema(this.schema, value ?? {}, { today: todayIn(this.timeZone) });
    if (errors.length > 0) throw new ValidationError(errors);
    return value ?? {};
  }
}
