// The reference relay of the signaling benchmark: a Socket.IO 4 signaling server written the way a typical small
// video-call app writes one — one namespace, a room per call, `socket.to(room).emit` for every signal, no
// authentication and no database. Usage: node --expose-gc relay.js PORT (listens on 127.0.0.1 only).
// GET /bench-stats answers process.memoryUsage() after a full GC, so the benchmark can report heap after GC for it
// as it does for the JVM.
'use strict';
const http = require('http');
const { Server } = require('socket.io');

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: node --expose-gc relay.js PORT');
  process.exit(2);
}

const server = http.createServer((req, res) => {
  if (req.url === '/bench-stats') {
    if (global.gc) {
      global.gc();
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(process.memoryUsage()));
    return;
  }
  res.writeHead(404);
  res.end();
});

const io = new Server(server);
const calls = io.of('/video-call');

calls.on('connection', (socket) => {
  socket.on('join-room', ({ roomId, userId }) => {
    socket.join(roomId);
    socket.data.roomId = roomId;
    socket.data.userId = userId;
    socket.emit('joined-room', { roomId, userId });
    socket.to(roomId).emit('user-joined', { userId });
  });

  socket.on('webrtc-signal', ({ roomId, userId, signal }) => {
    socket.to(roomId).emit('webrtc-signal', { userId, signal });
  });

  socket.on('end-call', ({ roomId, userId }) => {
    calls.to(roomId).emit('call-ended', { userId });
  });

  socket.on('leave-room', ({ roomId, userId }) => {
    socket.leave(roomId);
    socket.to(roomId).emit('user-left', { userId });
  });

  socket.on('disconnect', () => {
    if (socket.data.roomId) {
      socket.to(socket.data.roomId).emit('user-left', { userId: socket.data.userId });
    }
  });
});

server.listen(port, '127.0.0.1', () => {
  console.log(`socket.io relay listening on 127.0.0.1:${port}`);
});
