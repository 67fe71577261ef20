export { createFeaturePhotos, type FeaturePhotosDeps } from './feature';
export { createFeaturePhotosRouter } from './router';
