import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lazySchema } from '@/lib/schemas/lazy-schema';
import { messages } from '@/lib/protocol/messages';

const build = () => z.object({ id: z.string().min(1), tags: z.array(z.enum(['a', 'b'])), note: z.string().optional() });

describe('lazySchema', () => {
  it('builds the schema on first use, once', () => {
    let builds = 0;
    const schema = lazySchema(() => {
      builds++;
      return build();
    });
    expect(builds).toBe(0);
    expect(schema.safeParse({ id: 'x', tags: ['a'] }).success).toBe(true);
    expect(schema.safeParse({ id: '', tags: ['c'] }).success).toBe(false);
    expect(builds).toBe(1);
  });

  it('behaves as the schema it builds: nesting, extend, shape, instanceof, JSON Schema', () => {
    const lazy = lazySchema(build);
    const eager = build();
    expect(lazy instanceof z.ZodObject).toBe(true);
    expect(Object.keys(lazy.shape)).toEqual(['id', 'tags', 'note']);
    const outer = z.object({ item: lazy, items: z.array(lazy).optional() });
    expect(outer.parse({ item: { id: 'x', tags: [] } })).toEqual({ item: { id: 'x', tags: [] } });
    expect(outer.safeParse({ item: { id: 'x', tags: ['z'] } }).success).toBe(false);
    expect(lazy.extend({ extra: z.number() }).safeParse({ id: 'x', tags: [], extra: 1 }).success).toBe(true);
    expect(z.toJSONSchema(z.object({ item: lazy }))).toEqual(z.toJSONSchema(z.object({ item: eager })));
    const union = z.discriminatedUnion('kind', [lazySchema(() => z.object({ kind: z.literal('a'), n: z.number() })), z.object({ kind: z.literal('b') })]);
    expect(union.safeParse({ kind: 'a', n: 1 }).success).toBe(true);
    expect(union.safeParse({ kind: 'a' }).success).toBe(false);
  });

  it('spreads a lazy shape object like the object itself', () => {
    const shape = lazySchema(() => ({ a: z.string(), b: z.number() }));
    expect(z.object({ ...shape, c: z.boolean() }).safeParse({ a: '', b: 1, c: true }).success).toBe(true);
  });
});

describe('the protocol', () => {
  it('builds every message schema when it is first used (a schema that fails to build shows here, not in a tab)', () => {
    for (const [type, definition] of Object.entries(messages)) {
      expect(definition.request instanceof z.ZodType, `${type} request`).toBe(true);
      expect(definition.response instanceof z.ZodType, `${type} response`).toBe(true);
    }
    expect(messages['thread.seen'].request.safeParse({ id: 'gmail:1', subject: 'Hi' }).success).toBe(true);
    expect(messages['thread.seen'].request.safeParse({ id: '', subject: 'Hi' }).success).toBe(false);
  });
});
