/**
 * Test helpers for other packages (e2e, bench): `@introserv/server/testing`. Kept out of
 * the public entry so that production code cannot come to depend on them.
 */
export { freePort, redisAvailable, startRedisServer, type RedisServerHandle } from './testing/redis-server.js';
export { startServerProcess, type ServerProcess } from './testing/server-process.js';
export { startReplica, startSentinels, type SentinelGroup } from './testing/redis-sentinel.js';
export { startTestApp, type TestApp } from './testing/test-app.js';
export { chatUnderway, escalationInput, operatorApi, until } from './testing/escalation-session.js';
export { startFakeWhmcs, type FakeWhmcs } from './testing/helpdesks/fake-whmcs.js';
export { ELF, HTML_AS_PNG, PNG_1PX } from './testing/files.js';
export { startSmtpServer, type ReceivedMail, type SmtpServerHandle } from './testing/smtp-server.js';
