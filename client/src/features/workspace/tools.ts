/** The planner's tool panels on /map, one open at a time. */
export const PLANNER_TOOLS = ['analysis', 'import', 'print'] as const;

/** One tool panel of the planner workspace. */
export type PlannerTool = (typeof PLANNER_TOOLS)[number];

/** Tools that write data and are offered to editor roles only. */
export const EDITOR_ONLY_TOOLS: readonly PlannerTool[] = ['import'];
