import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import { LAYER_ID as ID } from '@shared/layer-id';
import { isDate } from './dates';
import type { Condition, LayerFilter, LayerFilters } from './filters';

/** The map view a link restores: centre [lon, lat] and zoom. */
export interface MapViewState {
  center: [number, number];
  zoom: number;
}

/** A selected feature: its catalogue layer and OGC feature id. */
export interface Selection {
  layerId: string;
  featureId: string;
}

/** Everything a shared /map link holds; parts missing from the link are left out. */
export interface PlannerUrlState {
  view?: MapViewState;
  /** Ids of the visible catalogue layers (all others hidden). */
  layers?: string[];
  filters: LayerFilters;
  selection?: Selection;
  /** The time slider's date (`YYYY-MM-DD`, query `t`): the district as of that day. */
  asOf?: string;
  /** Opacity (0…1) of layers drawn fainter than served (query `op`: `id:percent,…`). */
  opacity?: Record<string, number>;
}

const FILTER_PREFIX = 'f.';

function single(query: LocationQuery, key: string): string | undefined {
  const value = query[key];
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' && text !== '' ? text : undefined;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function optionalNumber(text: string): number | undefined | null {
  if (text === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function encodeCondition(key: string, condition: Condition): string {
  const name = encodeURIComponent(key);
  if (condition.kind === 'in') return `${name}:in:${condition.values.map(encodeURIComponent).join('|')}`;
  return `${name}:${condition.kind}:${condition.min ?? ''}..${condition.max ?? ''}`;
}

function decodeCondition(part: string): [string, Condition] | undefined {
  const [rawKey, kind, rest = ''] = part.split(':');
  if (!rawKey || !kind) return undefined;
  const key = decodeURIComponent(rawKey);
  if (kind === 'in') return [key, { kind, values: rest === '' ? [] : rest.split('|').map(decodeURIComponent) }];
  if (kind !== 'range' && kind !== 'years') return undefined;
  const [minText = '', maxText = ''] = rest.split('..');
  const [min, max] = [optionalNumber(minText), optionalNumber(maxText)];
  if (min === null || max === null) return undefined;
  return [key, { kind, ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) }];
}

/** Writes the planner state as route query parameters (view rounded to ~1 m and 0.01 zoom). */
export function encodeUrlState(state: PlannerUrlState): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  if (state.view) {
    query.c = `${round(state.view.center[0], 5)},${round(state.view.center[1], 5)}`;
    query.z = String(round(state.view.zoom, 2));
  }
  if (state.layers) query.layers = state.layers.join(',');
  for (const [layerId, filter] of Object.entries(state.filters)) {
    const parts = Object.entries(filter).map(([key, condition]) => encodeCondition(key, condition));
    if (parts.length > 0) query[`${FILTER_PREFIX}${layerId}`] = parts.join(',');
  }
  if (state.selection) query.sel = `${state.selection.layerId}/${state.selection.featureId}`;
  if (state.asOf) query.t = state.asOf;
  const faded = Object.entries(state.opacity ?? {}).filter(([, value]) => value < 1);
  if (faded.length > 0) query.op = faded.map(([id, value]) => `${id}:${Math.round(value * 100)}`).join(',');
  return query;
}

/** Reads the planner state from route query parameters; malformed parts are dropped. */
export function decodeUrlState(query: LocationQuery): PlannerUrlState {
  const state: PlannerUrlState = { filters: {} };
  const center = single(query, 'c')?.split(',').map(Number);
  const zoom = Number(single(query, 'z'));
  if (center?.length === 2 && center.every(Number.isFinite) && Number.isFinite(zoom)) {
    state.view = { center: [center[0]!, center[1]!], zoom };
  }
  const layers = single(query, 'layers');
  if (layers !== undefined || query.layers === '') state.layers = (layers ?? '').split(',').filter((id) => ID.test(id));
  for (const key of Object.keys(query)) {
    const layerId = key.slice(FILTER_PREFIX.length);
    if (!key.startsWith(FILTER_PREFIX) || !ID.test(layerId)) continue;
    const entries = (single(query, key) ?? '').split(',').map(decodeCondition).filter((entry) => entry !== undefined);
    const filter: LayerFilter = Object.fromEntries(entries);
    if (Object.keys(filter).length > 0) state.filters[layerId] = filter;
  }
  const [layerId, ...rest] = (single(query, 'sel') ?? '').split('/');
  const featureId = rest.join('/');
  if (layerId && ID.test(layerId) && featureId) state.selection = { layerId, featureId };
  const asOf = single(query, 't');
  if (isDate(asOf)) state.asOf = asOf;
  const opacity = (single(query, 'op') ?? '').split(',').map((part) => part.split(':'))
    .filter(([id, percent]) => id && ID.test(id) && /^\d{1,3}$/.test(percent ?? '') && Number(percent) <= 100);
  if (opacity.length > 0) state.opacity = Object.fromEntries(opacity.map(([id, percent]) => [id, Number(percent) / 100]));
  return state;
}
