import type { HoldReason, Level, LinkKind, NoteKind, ResolutionCause } from '../../../domain';

/** A lifecycle command as a caller sends it: references (groups, parents) still to be looked up. */
export type IncidentCommandRequest =
  | { readonly kind: 'assign'; readonly groupId: string; readonly assigneeId: string | null }
  | { readonly kind: 'start-work' }
  | { readonly kind: 'put-on-hold'; readonly reason: HoldReason }
  | { readonly kind: 'resume' }
  | { readonly kind: 'resolve'; readonly code: string; readonly notes: string; readonly cause?: ResolutionCause; readonly causeId?: string | null }
  | { readonly kind: 'reopen'; readonly reason: string }
  | { readonly kind: 'close'; readonly automatic?: boolean }
  | { readonly kind: 'cancel'; readonly reason: string }
  | { readonly kind: 'change-impact-urgency'; readonly impact: Level; readonly urgency: Level }
  | { readonly kind: 'apply-matrix' }
  | { readonly kind: 'add-note'; readonly noteKind: NoteKind; readonly body: string }
  | { readonly kind: 'link'; readonly linkKind: LinkKind; readonly targetId: string }
  | { readonly kind: 'unlink'; readonly linkKind: LinkKind; readonly targetId: string }
  | { readonly kind: 'set-parent'; readonly parentId: string | null }
  | { readonly kind: 'propose-major'; readonly reasons: readonly string[] }
  | { readonly kind: 'promote-major' }
  | { readonly kind: 'decline-major'; readonly reason: string };
