import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '@/lib/query-keys';

export function useAppInfo() {
  return useQuery(queryKeys.info());
}
