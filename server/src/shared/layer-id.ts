// The layer-id pattern, with no zod, so that the client can import it (`@shared/layer-id`)
// without bundling the schema library; `./layers` re-exports it.

/** A layer id as a pattern to embed (lower-case letters, digits and hyphens, not starting with a hyphen). */
export const LAYER_ID_PATTERN = '[a-z0-9][a-z0-9-]*';
/** A whole layer id: the one pattern the catalogue, the photo folders, the tile URLs and the planner's links check. */
export const LAYER_ID = new RegExp(`^${LAYER_ID_PATTERN}$`);
