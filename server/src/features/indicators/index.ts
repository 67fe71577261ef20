export { createIndicatorRepository, type IndicatorRepository } from './indicator-repository';
export { createIndicatorsRouter } from './router';
