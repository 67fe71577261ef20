export { createImportService } from './import-service';
export { createImportRouter } from './router';
