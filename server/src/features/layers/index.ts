export { DISTRICT_BOUNDARY_LAYER } from './district';
export { toInstant, toNewFeature } from './feature-record';
export { createFeatureRepository, type FeatureRepository, type NewFeature, type PropertyEquals } from './feature-repository';
export { checkFeature, checkGeometry, checkLayerSchema, checkWithin } from './feature-validation';
export { createFeatureWriteService, featureEtag, type FeatureWriteService } from './feature-write-service';
export { createLayerRepository, type Layer, type LayerExtent, type LayerRepository } from './layer-repository';
export { createLayerService, featureJson, type LayerService } from './layer-service';
export { createLayersRouter } from './router';
export { districtArea, writableLayer, writeProblems, type WriteRole } from './write-checks';
