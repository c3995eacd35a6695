import type { ReactNode } from 'react';
import { useMe } from '../auth/use-me';
import { ErrorAlert } from '../components/ErrorAlert';
import { LoadingState } from '../components/LoadingState';
import { ApiError } from '../api/api-error';
import { errorCodes } from '../../../core/contracts/error-codes';

const forbidden = new ApiError({
  code: 'FORBIDDEN',
  status: 403,
  message: errorCodes.FORBIDDEN.en,
  messageFa: errorCodes.FORBIDDEN.fa,
});

/** Owner-only screens: staff who type the address get the same FORBIDDEN the server would answer. */
export function OwnerOnly({ children }: { children: ReactNode }) {
  const { isOwner, isPending } = useMe();
  if (isPending) return <LoadingState />;
  return isOwner ? children : <ErrorAlert error={forbidden} />;
}
