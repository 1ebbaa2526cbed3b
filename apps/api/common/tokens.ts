export const CONFIG = Symbol('AppConfig');
export const TEMPORAL_CLIENT = Symbol('TemporalClient');
export const CATALOGUE = Symbol('DeadlineCatalogue');
