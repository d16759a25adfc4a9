/**
 * Ends live connections, on every server process: the auth rules' port to the realtime
 * layer, which implements it with Socket.IO rooms (one per session, one per operator).
 */
export interface ConnectionControl {
  /** The session ended (logout, expiry): its sockets close. */
  endSession(sessionKey: string): void;
  /** The operator was disabled: all their sockets close. */
  endOperator(operatorId: string): void;
}
