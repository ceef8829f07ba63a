/**
 * Each backend is one class (MemoryStore, SqliteStore, RedisStore) built from one mixin per
 * area of ChatStore (users, rooms, messages...), each in its own file, over a core that
 * holds what the areas share (the tables, the database, the Redis client). A mixin is a
 * function from a class to a subclass of it: the methods stay ordinary prototype methods
 * (a subclass can override them and call `super`), and a call costs what it did in one class.
 */

/**
 * A class whose instances are `T`, as a mixin takes it. The `any[]` is TypeScript's rule:
 * a mixin's base must have a constructor of exactly `(...args: any[])`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Constructor<T> = new (...args: any[]) => T;
