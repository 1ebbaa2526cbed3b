// The single bundle entry for the worker: every procedure workflow type is exported here.
export { leefloonApplication } from './leefloon/leefloon.workflow';
export { leefloonBenefit } from './leefloon/leefloon-benefit.workflow';
export { socialAidApplication } from './social-aid/social-aid.workflow';
export { socialAidBenefit } from './social-aid/social-aid-benefit.workflow';
export { debtMediationApplication } from './debt-mediation/debt-mediation.workflow';
export { debtMediationTrajectory } from './debt-mediation/trajectory.workflow';
export { debtMediationAnnualReport, debtMediationReportYear } from './debt-mediation/annual-report.workflow';
export { loiResidency } from './loi/loi.workflow';
export { loiPlaceClosure } from './loi/place-closure.workflow';
export { heatingAllowanceApplication } from './heating-allowance/heating-allowance.workflow';
export { benefitAdvanceApplication } from './benefit-advance/benefit-advance.workflow';
export { rentGuaranteeApplication } from './rent-guarantee/rent-guarantee.workflow';
export { placementCostsApplication } from './placement-costs/placement-costs.workflow';
export { placementCostsRunning } from './placement-costs/placement-costs.workflow';
export { counsellingDossier } from './counselling/counselling.workflow';
export { counsellingFollowUp } from './counselling/counselling.workflow';
export { workloadSnapshot } from './figures/workload-snapshot.workflow';
