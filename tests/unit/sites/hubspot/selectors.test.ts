import { describe, expect, it } from 'vitest';
import { readCookie } from '@/lib/sites/hubspot/selectors';

describe('readCookie', () => {
  const jar = 'hubspot.hub.id=4455667; hubspotapi-csrf=abc%3D%3D; csrf.app=abc==; __hstc=1.2.3';
  it('reads one cookie by exact name and decodes it', () => {
    expect(readCookie(jar, 'hubspotapi-csrf')).toBe('abc==');
    expect(readCookie(jar, 'hubspot.hub.id')).toBe('4455667');
    expect(readCookie(jar, 'csrf.app')).toBe('abc==');
  });
  it('does not match a cookie whose name only starts the same', () => {
    expect(readCookie(jar, 'hubspotapi')).toBeNull();
    expect(readCookie('', 'hubspotapi-csrf')).toBeNull();
  });
});
