/**
 * Several backend instances behind a plain load balancer: {@link dev.carecall.backend.cluster.RedisRoomBus} passes
 * what a room's party is sent to the instance holding that party's socket (Redis pub/sub, one channel, so what one
 * instance sends arrives in its order), keeps who is connected where (Redis keys that expire, so a dead instance's
 * sockets vanish by themselves), and tells other instances to read a call again after it changed in the database,
 * which stays the truth and decides simultaneous starts (conditional updates, see the root README). Off unless
 * {@code carecall.redis.url} is set ({@link dev.carecall.backend.cluster.RedisSettings}).
 */
package dev.carecall.backend.cluster;
