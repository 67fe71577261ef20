export { createOverviewService } from './overview-service';
export { createOverviewRouter } from './router';
