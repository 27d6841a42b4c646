// One resource's records: the generated history plus what control calls
// changed since (created, replaced, deleted). Indexes are stable: a record's
// index is baked into its id, so lookups by id never scan.
import { indexOfId, shopifyId, type ResourceName } from "../ids";

export class ResourceCollection<T extends { id: string }> {
  private readonly created: T[] = [];
  private readonly replaced = new Map<number, T>();
  private readonly deleted = new Set<number>();

  constructor(
    private readonly slot: number,
    readonly resource: ResourceName,
    private readonly generatedCount: number,
    private readonly generate: (index: number) => T,
  ) {}

  /** Highest index + 1, deleted records included. */
  get length(): number {
    return this.generatedCount + this.created.length;
  }

  get count(): number {
    return this.length - this.deleted.size;
  }

  at(index: number): T | undefined {
    if (index < 0 || index >= this.length || this.deleted.has(index)) return undefined;
    const replaced = this.replaced.get(index);
    if (replaced) return replaced;
    return index < this.generatedCount ? this.generate(index) : this.created[index - this.generatedCount];
  }

  indexOf(id: string): number | undefined {
    const index = indexOfId(this.slot, this.resource, id);
    return index !== undefined && index < this.length ? index : undefined;
  }

  byId(id: string): T | undefined {
    const index = this.indexOf(id);
    return index === undefined ? undefined : this.at(index);
  }

  isDeleted(index: number): boolean {
    return this.deleted.has(index);
  }

  nextId(): { index: number; id: string } {
    const index = this.length;
    return { index, id: shopifyId(this.slot, this.resource, index) };
  }

  add(record: T): T {
    const index = indexOfId(this.slot, this.resource, record.id);
    if (index !== this.length) throw new Error(`${this.resource} ${record.id} was not made with nextId()`);
    this.created.push(record);
    return record;
  }

  replace(record: T): T {
    const index = this.indexOf(record.id);
    if (index === undefined || this.deleted.has(index)) throw new Error(`${this.resource} ${record.id} does not exist`);
    if (index >= this.generatedCount) this.created[index - this.generatedCount] = record;
    else this.replaced.set(index, record);
    return record;
  }

  remove(id: string): T | undefined {
    const index = this.indexOf(id);
    const record = index === undefined ? undefined : this.at(index);
    if (record) this.deleted.add(index!);
    return record;
  }

  /** Live records from `from` on, in index (= creation) order. */
  *entries(from = 0): Generator<[number, T]> {
    for (let index = Math.max(0, from); index < this.length; index += 1) {
      const record = this.at(index);
      if (record) yield [index, record];
    }
  }
}
