export { createOverviewFeature } from './feature';
