import type { Role } from '@shared/auth';
import type { LayerInfo } from '@shared/layers';

/** Roles that may edit thematic layers on the map (the server enforces the same). */
export const EDITOR_ROLES: readonly Role[] = ['planner', 'admin'];

/** Whether the editor offers a layer: thematic, and not one that changes through a workflow. */
export function isEditableLayer(layer: LayerInfo): boolean {
  return !layer.readOnly && layer.group !== 'basemap';
}
