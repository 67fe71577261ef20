export { createFeaturePhotos, type FeaturePhotosDeps } from './feature';
