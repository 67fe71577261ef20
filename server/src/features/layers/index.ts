export { DISTRICT_BOUNDARY_LAYER } from './district';
export { createLayersFeature } from './feature';
export { toInstant, toNewFeature } from './feature-record';
export { createFeatureRepository, type FeatureRepository, type NewFeature, type PropertyEquals } from './feature-repository';
export { checkFeature, checkGeometry, checkLayerSchema, checkWithin } from './feature-validation';
export { featureEtag, type FeatureWriteService } from './feature-write-service';
export { createLayerRepository, type Layer, type LayerExtent, type LayerRepository } from './layer-repository';
export { featureJson, type LayerService } from './layer-service';
export { districtArea, writableLayer, writeProblems, type WriteRole } from './write-checks';
