/**
 * A Map that holds its first entry in two fields and becomes a real Map only
 * when a second key arrives. An adapter's maps (its VFs, VPorts, filters and
 * their indexes) mostly hold one entry: a trace can name hundreds of thousands
 * of adapters with one VF each, and a Map's own table is about 200 bytes.
 * Iteration order is insertion order, as a Map's. Unlike a Map: it is not
 * `instanceof Map`, and a key added while a one-entry map is being iterated is
 * not visited (the model never writes to a map it is iterating).
 */
export class SmallMap<K, V> implements Map<K, V> {
  private key: K | undefined;
  private value: V | undefined;
  private one = false;
  private many: Map<K, V> | undefined;

  get size(): number {
    return this.many ? this.many.size : this.one ? 1 : 0;
  }

  get(key: K): V | undefined {
    if (this.many) return this.many.get(key);
    return this.one && this.key === key ? this.value : undefined;
  }

  has(key: K): boolean {
    if (this.many) return this.many.has(key);
    return this.one && this.key === key;
  }

  set(key: K, value: V): this {
    if (this.many) {
      this.many.set(key, value);
    } else if (!this.one || this.key === key) {
      this.key = key;
      this.value = value;
      this.one = true;
    } else {
      this.many = new Map<K, V>([[this.key as K, this.value as V]]).set(key, value);
      this.key = this.value = undefined;
      this.one = false;
    }
    return this;
  }

  delete(key: K): boolean {
    if (this.many) return this.many.delete(key);
    if (!this.one || this.key !== key) return false;
    this.key = this.value = undefined;
    this.one = false;
    return true;
  }

  clear(): void {
    this.many?.clear();
    this.key = this.value = undefined;
    this.one = false;
  }

  forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) callback.call(thisArg, v, k, this);
  }

  *entries(): MapIterator<[K, V]> {
    if (this.many) yield* this.many.entries();
    else if (this.one) yield [this.key as K, this.value as V];
  }

  *keys(): MapIterator<K> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'SmallMap';
  }
}
