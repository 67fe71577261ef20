export { createIndicatorsFeature } from './feature';
export { createIndicatorRepository, type IndicatorRepository } from './indicator-repository';
