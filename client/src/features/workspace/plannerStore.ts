import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Condition, LayerFilters } from './filters';
import type { PlannerTool } from './tools';
import type { MapViewState, Selection } from './urlState';

/** The planner's view state on /map: filters per layer and the selected feature (plain, serialisable). */
export const usePlannerStore = defineStore('planner', () => {
  const filters = ref<LayerFilters>({});
  const selection = ref<Selection | null>(null);
  /** The map's centre and zoom as last seen (or as a shared link asks for), kept across visits. */
  const view = ref<MapViewState | null>(null);
  /** Whether a feature is being drawn or edited: clicks then go to the drawing, not to feature selection. */
  const editing = ref(false);
  /** Whether a distance or area is being measured (clicks go to the measurement). */
  const measuring = ref(false);
  /** The open tool panel (analysis, import, print), if any. */
  const activeTool = ref<PlannerTool | null>(null);
  /** Tools that take map clicks for themselves now (e.g. picking a point to analyse), by owner name. */
  const clickClaims = ref<string[]>([]);
  /** Whether a map click must not select a feature: while editing, measuring or while any tool claims clicks. */
  const selectionPaused = computed(() => editing.value || measuring.value || clickClaims.value.length > 0);

  /** Sets (or with `undefined` removes) the condition on one property of a layer. */
  function setCondition(layerId: string, key: string, condition: Condition | undefined): void {
    const { [key]: _removed, ...rest } = filters.value[layerId] ?? {};
    const next = condition ? { ...rest, [key]: condition } : rest;
    const { [layerId]: _old, ...others } = filters.value;
    filters.value = Object.keys(next).length > 0 ? { ...others, [layerId]: next } : others;
  }

  /** Removes every condition on a layer. */
  function clearFilter(layerId: string): void {
    const { [layerId]: _removed, ...others } = filters.value;
    filters.value = others;
  }

  /** Replaces all filters, e.g. from a shared link. */
  function setFilters(next: LayerFilters): void {
    filters.value = structuredClone(next);
  }

  /** Selects a feature (or nothing). */
  function select(next: Selection | null): void {
    selection.value = next && { layerId: next.layerId, featureId: String(next.featureId) };
  }

  /** Records the map view. */
  function setView(next: MapViewState | null): void {
    view.value = next && { center: [next.center[0], next.center[1]], zoom: next.zoom };
  }

  /** Claims map clicks for a tool (feature selection pauses) or releases its claim; claims of other owners stay. */
  function claimClicks(owner: string, claimed: boolean): void {
    const others = clickClaims.value.filter((o) => o !== owner);
    clickClaims.value = claimed ? [...others, owner] : others;
  }

  /** Opens a tool panel, or closes it when it is already open. */
  function toggleTool(tool: PlannerTool | null): void {
    activeTool.value = activeTool.value === tool ? null : tool;
  }

  return { filters, selection, view, editing, measuring, activeTool, clickClaims, selectionPaused, claimClicks, toggleTool, setCondition, clearFilter, setFilters, select, setView };
});
