const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar date as YYYY-MM-DD. */
export function isoDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The download's name: `qingbo-map-YYYY-MM-DD-HHmm.png` in local time. */
export function printFileName(date: Date): string {
  return `qingbo-map-${isoDate(date)}-${pad(date.getHours())}${pad(date.getMinutes())}.png`;
}
