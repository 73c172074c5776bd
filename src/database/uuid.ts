const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string can be cast to `uuid` in SQL: anything else would make the query throw. */
export const isUuid = (value: string): boolean => UUID.test(value);
