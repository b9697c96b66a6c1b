// autocannon ships no types; the reliability suite uses a few fields of its result.
declare module 'autocannon';
