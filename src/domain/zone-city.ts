/** The place a time zone is named after, as a person would say it: "Europe/Paris" → "Paris", "America/Port_of_Spain" → "Port of Spain". */
export function zoneCity(zone: string): string {
  return (zone.split('/').at(-1) ?? zone).replace(/_/g, ' ');
}
