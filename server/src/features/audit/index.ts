export { createAuditBursts, type AuditBursts } from './audit-bursts';
export { createAuditRepository, type AuditRepository } from './audit-repository';
export { createAuditRouter } from './router';
