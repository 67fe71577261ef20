export { createFeatureCache, type FeatureCache } from './featureCache';
export { FEATURE_CACHE, useFeatureCache } from './featureCacheContext';
export { filterableProperties, filterExpression, matchesFilter, type Condition, type LayerFilter } from './filters';
export { usePlannerStore } from './plannerStore';
export { useTimelineStore } from './timelineStore';
export { EDITOR_ONLY_TOOLS, PLANNER_TOOLS, type PlannerTool } from './tools';
export type { Selection } from './urlState';
export { useFilterCounts } from './useFilterCounts';
export { usePlannerUrl } from './usePlannerUrl';
