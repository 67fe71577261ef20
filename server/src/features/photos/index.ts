export { sendPhoto, type PhotoFile } from './photo-http';
export { THUMB_SIZE, fileHead, preparePhoto, readPlace, sniffImageType, type PhotoPlace, type PreparedPhoto } from './photo-image';
export { discardPhotoFiles, fsPhotoWriter, storedPhotoPath, writePhotoFiles, type PhotoFileNames, type PhotoWriter } from './photo-store';
export { createAppUploads, uploadedFiles, type UploadDeps, type Uploads } from './uploads';
export { createWorkGate, type WorkGate, type WorkGateOptions } from './work-gate';
