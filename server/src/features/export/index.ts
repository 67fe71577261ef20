export { createExportService, FEATURE_ID_FIELD, type ExportDeps, type ExportFile, type ExportInput, type ExportService } from './export-service';
export { DBF_NAME_BYTES, fieldNamesText, shapefileFieldNames } from './field-names';
export { EXPORT_FORMAT_INFO, EXPORT_FORMATS, EXPORT_MAX_FEATURES, isExportFormat, type ExportFormat } from './formats';
export { zipFiles, type ZipEntry } from './zip';
