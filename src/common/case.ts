/** `start_date` → `startDate`: column names as the API and events spell them. */
export const camel = (s: string): string => s.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
