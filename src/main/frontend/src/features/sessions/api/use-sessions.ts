import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { queryKeys, type SessionFilters } from '@/lib/query-keys';

export function useSessions(filters: SessionFilters) {
  return useInfiniteQuery({
    ...queryKeys.sessions.list(filters),
    // Typing in the search box keeps the old rows until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}

export function useSession(sid: string) {
  return useQuery(queryKeys.sessions.detail(sid));
}
