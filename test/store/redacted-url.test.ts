import { describe, expect, it } from 'vitest';
import { redactedUrl } from '../../src/store/store.js';

describe('redactedUrl', () => {
  it('never shows a password, wherever the URL carries it', () => {
    expect(redactedUrl('postgres://hiroba:s3cret@db.example.co.jp:5432/hiroba')).toBe(
      'postgres://hiroba@db.example.co.jp:5432/hiroba',
    );
    const query = redactedUrl('postgres://hiroba@db.example.co.jp/hiroba?password=QuerySecret99&sslmode=verify-full');
    expect(query).not.toContain('QuerySecret99');
    expect(query).toContain('sslmode=verify-full');
    expect(redactedUrl('postgresql://u@h/d?PASSWORD=x&sslpassword=y')).not.toMatch(/=x|=y/u);
    expect(redactedUrl('host=db user=hiroba password=secret')).toBe('postgres (connection string)');
  });
});
