import { assessGuarantee, guaranteeRule, repaymentPlan } from '../../../libs/domain/rent-guarantee';

/** The rent guarantee's rules (domain §6.1), each with its basis. */
describe('rent guarantee rules', () => {
  it('caps the guarantee by the law of the lease: three months from 2019 (Vlaams Woninghuurdecreet); before, a blocked account two', () => {
    expect(guaranteeRule('2019-01-01', 'blocked-account')).toEqual({ law: 'Vlaams Woninghuurdecreet van 9 november 2018', maxMonths: 3 });
    expect(guaranteeRule('2018-12-31', 'blocked-account')).toEqual({ law: 'Woninghuurwet (federaal), art. 10', maxMonths: 2 });
    expect(guaranteeRule('2018-12-31', 'bank-guarantee').maxMonths).toBe(3);
    expect(guaranteeRule('2018-12-31', 'guarantee-letter').maxMonths).toBe(3);
  });

  const facts = { leaseSignedOn: '2026-11-20', monthlyRentCents: 75_000, guaranteeCents: 150_000, form: 'blocked-account', rentAffordable: true, homeDeclaredUnfit: false } as const;

  it('proposes the guarantee asked within the cap, saying the law and the cap', () => {
    expect(assessGuarantee(facts)).toEqual({
      grant: true, amountCents: 150_000,
      text: 'Storting op een geblokkeerde rekening (als voorschot) van € 1.500,00 (Vlaams Woninghuurdecreet van 9 november 2018: ten hoogste 3 maanden huur, € 2.250,00)',
    });
  });

  it('refuses above the cap, an unaffordable rent and a home declared unfit, each with its reason', () => {
    const refused = assessGuarantee({ ...facts, leaseSignedOn: '2017-05-01', guaranteeCents: 160_000, rentAffordable: false, homeDeclaredUnfit: true });
    expect(refused).toMatchObject({ grant: false });
    expect(refused.grant === false && refused.reasons).toEqual([
      'De gevraagde waarborg (€ 1.600,00) is hoger dan 2 maanden huur (€ 1.500,00), het maximum voor een huurovereenkomst van 1 mei 2017 (Woninghuurwet (federaal), art. 10)',
      'De huurprijs is niet betaalbaar met het inkomen van het huishouden',
      'De woning is ongeschikt of onbewoonbaar verklaard',
    ]);
  });

  it('plans the repayment in monthly instalments that add up exactly, the last one the rest, on the same day (the month end when shorter)', () => {
    const plan = repaymentPlan(150_000, 40_000, '2027-01-31');
    expect(plan).toEqual([
      { number: 1, dueDate: '2027-01-31', amountCents: 40_000 },
      { number: 2, dueDate: '2027-02-28', amountCents: 40_000 },
      { number: 3, dueDate: '2027-03-31', amountCents: 40_000 },
      { number: 4, dueDate: '2027-04-30', amountCents: 30_000 },
    ]);
    expect(repaymentPlan(120_000, 40_000, '2027-01-15').map((i) => i.amountCents)).toEqual([40_000, 40_000, 40_000]);
    expect(() => repaymentPlan(0, 1, '2027-01-01')).toThrow(RangeError);
    expect(() => repaymentPlan(1_000_000, 1, '2027-01-01')).toThrow(/longer than 20 years/);
  });
});
