import { createContext, useContext } from 'react';
import type { AnchorHTMLAttributes, MouseEvent, ReactNode } from 'react';
import type { GatewayClient } from './api/gateway-client';
import type { Session } from './auth/session';

/** What every signed-in page uses: who is signed in, the gateway, and in-app navigation. */
export interface Portal {
  readonly session: Session;
  readonly client: GatewayClient;
  readonly navigate: (path: string) => void;
}

export const PortalContext = createContext<Portal | undefined>(undefined);

export function usePortal(): Portal {
  const portal = useContext(PortalContext);
  if (portal === undefined) throw new Error('usePortal outside a signed-in page');
  return portal;
}

/** A link that navigates in the app (a plain link with modifier keys: new tab etc.). */
export function Link({ to, children, navigate, ...rest }: { to: string; children: ReactNode; navigate: (path: string) => void } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
