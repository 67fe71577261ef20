export { hasStatusHint, withTimelineFilters } from './asOf';
export { formatDay } from './format';
export { default as RenovationSection } from './RenovationSection.vue';
export { default as TimeSlider } from './TimeSlider.vue';
export { useAsOfColors } from './useAsOfColors';
