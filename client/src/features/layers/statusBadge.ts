/** The tone of a status badge by its value. */
export function badgeTone(value: string | undefined): 'done' | 'active' | 'planned' | 'off' | 'neutral' {
  if (value === 'completed' || value === 'accepted' || value === 'in_service') return 'done';
  if (value === 'under_construction') return 'active';
  if (value === 'planned') return 'planned';
  if (value === 'closed') return 'off';
  return 'neutral';
}
