import { DeclareBlackoutHandler } from './declare-blackout/declare-blackout.handler';
import { DefineMaintenanceWindowHandler } from './define-maintenance-window/define-maintenance-window.handler';
import { LiftBlackoutHandler } from './lift-blackout/lift-blackout.handler';
import { OverrideBlackoutHandler } from './override-blackout/override-blackout.handler';
import { RedefineMaintenanceWindowHandler } from './redefine-maintenance-window/redefine-maintenance-window.handler';
import { RemoveMaintenanceWindowHandler } from './remove-maintenance-window/remove-maintenance-window.handler';
import { ReviseBlackoutHandler } from './revise-blackout/revise-blackout.handler';

export * from './declare-blackout/declare-blackout.command';
export * from './declare-blackout/declare-blackout.handler';
export * from './define-maintenance-window/define-maintenance-window.command';
export * from './define-maintenance-window/define-maintenance-window.handler';
export * from './lift-blackout/lift-blackout.command';
export * from './lift-blackout/lift-blackout.handler';
export * from './redefine-maintenance-window/redefine-maintenance-window.command';
export * from './redefine-maintenance-window/redefine-maintenance-window.handler';
export * from './remove-maintenance-window/remove-maintenance-window.command';
export * from './remove-maintenance-window/remove-maintenance-window.handler';
export * from './revise-blackout/revise-blackout.command';
export * from './revise-blackout/revise-blackout.handler';
export * from './override-blackout/override-blackout.command';
export * from './override-blackout/override-blackout.handler';

/** The calendar lane's verbs: maintenance windows and blackouts (admin), a blackout override (emergency changes). */
export const CALENDAR_COMMAND_HANDLERS = [
  DefineMaintenanceWindowHandler,
  RedefineMaintenanceWindowHandler,
  RemoveMaintenanceWindowHandler,
  DeclareBlackoutHandler,
  ReviseBlackoutHandler,
  LiftBlackoutHandler,
  OverrideBlackoutHandler,
];
