export type { AuditBursts } from './audit-bursts';
export { createAuditRepository, type AuditRepository } from './audit-repository';
export { createAuditFeature, type AuditFeature } from './feature';
