import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { createCachePatches } from './cache-patches';

const key = ['rooms', 'list'];

/** A query whose fetches the test answers by hand, in the order it likes. */
function controlledQuery(client: QueryClient, initial: string[]) {
  const answers: ((rooms: string[]) => void)[] = [];
  client.setQueryData(key, initial);
  const observer = new QueryObserver<string[]>(client, {
    queryKey: key,
    queryFn: () => new Promise<string[]>((resolve) => answers.push(resolve)),
    staleTime: Infinity,
  });
  const unsubscribe = observer.subscribe(() => {});
  return { answers, unsubscribe, refetch: () => void observer.refetch() };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
let client: QueryClient;
afterEach(() => client.clear());

describe('createCachePatches', () => {
  it('replays a patch made during a fetch on top of that fetch’s older answer', async () => {
    client = new QueryClient();
    const patches = createCachePatches(client);
    const query = controlledQuery(client, ['a']);
    query.refetch(); // leaves the server before "b" starts
    patches.patch<string[]>(key, (rooms) => rooms && [...rooms, 'b']);
    expect(client.getQueryData(key)).toEqual(['a', 'b']);

    query.answers[0](['a']);
    await flush();
    expect(client.getQueryData(key)).toEqual(['a', 'b']);
    query.unsubscribe();
    patches.dispose();
  });

  it('forgets patches once a fetch has answered: the next answer is taken as it is', async () => {
    client = new QueryClient();
    const patches = createCachePatches(client);
    const query = controlledQuery(client, ['a']);
    patches.patch<string[]>(key, (rooms) => rooms && [...rooms, 'b']);
    query.refetch(); // started after the patch: its answer already knows
    query.answers[0](['a']);
    await flush();
    expect(client.getQueryData(key)).toEqual(['a']);
    query.unsubscribe();
    patches.dispose();
  });

  it('replays a patch on the answer of a first fetch that started before it listened', async () => {
    client = new QueryClient();
    const answers: ((rooms: string[]) => void)[] = [];
    const observer = new QueryObserver<string[]>(client, {
      queryKey: key,
      queryFn: () => new Promise<string[]>((resolve) => answers.push(resolve)),
    });
    const unsubscribe = observer.subscribe(() => {}); // the page's first fetch, as it mounts
    const patches = createCachePatches(client);
    patches.patch<string[]>(key, (rooms) => rooms && [...rooms, 'b']);

    answers[0](['a']);
    await flush();
    expect(client.getQueryData(key)).toEqual(['a', 'b']);
    unsubscribe();
    patches.dispose();
  });

  it('leaves queries nobody fetched alone', () => {
    client = new QueryClient();
    const patches = createCachePatches(client);
    patches.patch<string[]>(['absent'], (rooms) => rooms && [...rooms, 'b']);
    expect(client.getQueryData(['absent'])).toBeUndefined();
    patches.dispose();
  });
});
