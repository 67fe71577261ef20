export { createImportFeature } from './feature';
export { createImportService } from './import-service';
