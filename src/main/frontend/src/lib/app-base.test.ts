import { afterEach, describe, expect, it } from 'vitest';
import { appBase, appUrl, routerBasename } from './app-base';

function setBase(href: string | null) {
  document.querySelectorAll('base').forEach((element) => element.remove());
  if (href !== null) {
    const base = document.createElement('base');
    base.href = href;
    document.head.append(base);
  }
}

describe('app base', () => {
  afterEach(() => setBase(null));

  it('is the root by default', () => {
    expect(appBase()).toBe('/');
    expect(appUrl('/api/rooms')).toBe('/api/rooms');
    expect(routerBasename()).toBe('/');
  });

  it('follows the base the server wrote for another context root', () => {
    setBase('/ops/dashboard/');
    expect(appBase()).toBe('/ops/dashboard/');
    expect(appUrl('/api/events?client=x')).toBe('/ops/dashboard/api/events?client=x');
    expect(routerBasename()).toBe('/ops/dashboard');
  });
});
