import { EDITORS } from '@shared/roles';
import type { LayerInfo } from '@shared/layers';

/** Roles that may edit thematic layers on the map: the server's `EDITORS`, which it enforces. */
export const EDITOR_ROLES = EDITORS;

/** Whether the editor offers a layer: thematic, and not one that changes through a workflow. */
export function isEditableLayer(layer: LayerInfo): boolean {
  return !layer.readOnly && layer.group !== 'basemap';
}
