export { createFeaturePhotos } from './feature';
export { createFeaturePhotosRouter } from './router';
