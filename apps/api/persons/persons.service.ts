import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { audit } from '../../../libs/db/audit';
import { PersonEntity } from '../../../libs/db/entities';
import { formatIban, formatNationalNumber, normalizeIban, normalizeNationalNumber, validateNationalNumber } from '../../../libs/domain/identifiers';
import { authorize } from '../common/authorize';
import type { AuthUser } from '../common/current-user';
import { conflict, notFound, ValidationError } from '../common/errors';

export interface NewPerson {
  nationalNumber: string;
  firstName: string;
  lastName: string;
  birthDate?: string;
  address: { street: string; postalCode: string; city: string };
  iban?: string;
  email?: string;
  phone?: string;
}

export function personView(p: PersonEntity) {
  return {
    id: p.id,
    nationalNumber: p.nationalNumber,
    nationalNumberFormatted: formatNationalNumber(p.nationalNumber),
    firstName: p.firstName,
    lastName: p.lastName,
    birthDate: p.birthDate,
    address: { street: p.street, postalCode: p.postalCode, city: p.city },
    iban: p.iban,
    ibanFormatted: p.iban ? formatIban(p.iban) : null,
    email: p.email,
    phone: p.phone,
  };
}

@Injectable()
export class PersonsService {
  constructor(private readonly dataSource: DataSource) {}

  async create(actor: AuthUser, input: NewPerson) {
    authorize(actor, 'person:create');
    const nationalNumber = normalizeNationalNumber(input.nationalNumber);
    const checked = validateNationalNumber(nationalNumber);
    const birthDate = input.birthDate ?? (checked.valid ? checked.birthDate : null);
    if (checked.valid && input.birthDate && checked.birthDate && checked.birthDate !== input.birthDate) {
      throw new ValidationError([{ path: '/birthDate', code: 'mismatch', message: `does not match the national number (${checked.birthDate})` }]);
    }
    return this.dataSource.transaction(async (tx) => {
      const existing = await tx.findOneBy(PersonEntity, { nationalNumber });
      if (existing) throw conflict('A person with this national number is already registered', { existingId: existing.id });
      const person = await tx.save(
        tx.create(PersonEntity, {
          nationalNumber,
          firstName: input.firstName.trim(),
          lastName: input.lastName.trim(),
          birthDate,
          street: input.address.street.trim(),
          postalCode: input.address.postalCode.trim(),
          city: input.address.city.trim(),
          iban: input.iban ? normalizeIban(input.iban) : null,
          email: input.email ?? null,
          phone: input.phone ?? null,
        }),
      );
      await audit(tx, actor, 'person.created', { personId: person.id });
      return personView(person);
    });
  }

  async get(actor: AuthUser, id: string) {
    authorize(actor, 'person:read');
    return this.dataSource.transaction(async (tx) => {
      const person = await tx.findOneBy(PersonEntity, { id });
      if (!person) throw notFound('Person');
      await audit(tx, actor, 'person.read', { personId: id });
      return personView(person);
    });
  }

  async findByNationalNumber(actor: AuthUser, nationalNumber: string) {
    authorize(actor, 'person:read');
    const compact = normalizeNationalNumber(nationalNumber);
    return this.dataSource.transaction(async (tx) => {
      const person = await tx.findOneBy(PersonEntity, { nationalNumber: compact });
      // The search itself is a read of personal data when it finds someone.
      if (person) await audit(tx, actor, 'person.searched', { personId: person.id });
      return { items: person ? [personView(person)] : [], total: person ? 1 : 0 };
    });
  }
}
