/** Id of the layer whose single polygon is the subdistrict boundary. */
export const DISTRICT_BOUNDARY_LAYER = 'district-boundary';
