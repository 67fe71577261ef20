import { formatMeasurement } from '../../geo/measure';

/** An area for display: m² below 1 km², km² above. */
export function formatArea(squareMeters: number, locale: string): string {
  return formatMeasurement({ kind: 'area', squareMeters }, locale);
}

/** A length for display: m below 1 km, km above. */
export function formatLength(meters: number, locale: string): string {
  return formatMeasurement({ kind: 'distance', meters }, locale);
}

/** A share in [0, 1] as a percentage with one decimal, e.g. 49.8%. */
export function formatShare(share: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share);
}

/** A whole number with the locale's grouping. */
export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}
