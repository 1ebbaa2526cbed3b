import type { AppConfig } from '../../libs/config/config';
import { loadMaintenanceScale } from '../../libs/config/maintenance-scale';
import { loadPocketMoney } from '../../libs/config/pocket-money';
import { MaintenanceContribution, maintenanceContribution, MaintenanceContributionInput, MaintenanceScaleVersion } from '../../libs/domain/maintenance-contribution';
import { assessPlacement, monthlySettlement, MonthlySettlement, PlacementAssessment, pocketMoneyFor, PocketMoneyVersion } from '../../libs/domain/placement-costs';

export interface PlacementAssessmentInput {
  /** The month the proposal is for ('YYYY-MM': the admission's, or the request's when that is later). */
  month: string;
  monthlyIncomeCents: number;
  expectedInvoiceCents: number;
  savingsCents: number;
  couple: boolean;
  property: boolean;
}

export interface PlacementSettlementInput {
  month: string;
  invoiceCents: number;
  residentIncomeCents: number;
}

/**
 * The placement costs' computations (libs/domain/placement-costs.ts) with the OCMW's configuration: the dated pocket
 * money (OCMW_POCKET_MONEY_FILE, read once when the worker starts), its top-up, the savings ceilings and the maintenance
 * debtors' uniform scale (OCMW_MAINTENANCE_SCALE_FILE). Read-only.
 */
export function createPlacementActivities({ config, pocketMoney, maintenanceScale }: { config: AppConfig; pocketMoney?: readonly PocketMoneyVersion[]; maintenanceScale?: readonly MaintenanceScaleVersion[] }) {
  const table = pocketMoney ?? loadPocketMoney(config.placementCosts.pocketMoneyFile);
  const scale = maintenanceScale ?? loadMaintenanceScale(config.placementCosts.maintenanceScaleFile);
  const { pocketMoneyTopUpCents, savingsCeilingSingleCents, savingsCeilingCoupleCents } = config.placementCosts;
  return {
    async assessPlacementCosts(input: PlacementAssessmentInput): Promise<PlacementAssessment> {
      return assessPlacement({
        monthlyIncomeCents: input.monthlyIncomeCents, expectedInvoiceCents: input.expectedInvoiceCents, savingsCents: input.savingsCents,
        savingsCeilingCents: input.couple ? savingsCeilingCoupleCents : savingsCeilingSingleCents, property: input.property,
        pocketMoney: pocketMoneyFor(input.month, table, pocketMoneyTopUpCents),
      });
    },
    /** The savings above the OCMW's ceiling for the household ([U] local policy): they pay the invoices first. */
    async placementSavingsExcess(input: { couple: boolean; savingsCents: number }): Promise<{ ceilingCents: number; excessCents: number }> {
      if (!Number.isSafeInteger(input.savingsCents) || input.savingsCents < 0) throw new RangeError(`the savings are a number of cents ≥ 0: ${input.savingsCents}`);
      const ceilingCents = input.couple ? savingsCeilingCoupleCents : savingsCeilingSingleCents;
      return { ceilingCents, excessCents: Math.max(0, input.savingsCents - ceilingCents) };
    },
    /** A maintenance debtor's contribution a month by the OCMW's uniform scale (OCMW_MAINTENANCE_SCALE_FILE, [U]). */
    async maintenanceContribution(input: MaintenanceContributionInput): Promise<MaintenanceContribution> {
      return maintenanceContribution(input, scale);
    },
    /** A month's settlement of the care home's invoice, with the pocket money of that month (an indexation counts from its month). */
    async placementSettlement(input: PlacementSettlementInput): Promise<MonthlySettlement> {
      return monthlySettlement({ invoiceCents: input.invoiceCents, residentIncomeCents: input.residentIncomeCents, pocketMoney: pocketMoneyFor(input.month, table, pocketMoneyTopUpCents) });
    },
  };
}
