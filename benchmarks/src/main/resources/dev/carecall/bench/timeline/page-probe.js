// Injected into the patient page before its own scripts run (DevTools Page.addScriptToEvaluateOnNewDocument): notes
// when each step of joining a call happens, on the page's clock (performance.timeOrigin + performance.now(), epoch
// milliseconds), without changing what the page does. The benchmark reads window.__benchMarks after the call is up.
(() => {
  const marks = {};
  const now = () => performance.timeOrigin + performance.now();
  const mark = (name) => {
    if (!(name in marks)) marks[name] = now();
  };
  const peers = [];
  Object.defineProperty(window, '__benchMarks', { value: marks });
  Object.defineProperty(window, '__benchPeers', { value: peers });

  document.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('#primary-action')) mark('click');
  }, true);

  const NativeWebSocket = window.WebSocket;
  class ProbedWebSocket extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        const text = typeof event.data === 'string' ? event.data : '';
        if (text.includes('"type":"joinerConnected"')) mark('joinerConnected');
        else if (text.includes('"type":"signal"') && text.includes('"type":"offer"')) mark('offer');
      });
    }

    send(data) {
      if (typeof data === 'string') {
        if (data.includes('"type":"joinCall"')) mark('joinCall');
        else if (data.includes('"type":"answer"')) mark('answer');
      }
      return super.send(data);
    }
  }
  window.WebSocket = ProbedWebSocket;

  const NativePeerConnection = window.RTCPeerConnection;
  class ProbedPeerConnection extends NativePeerConnection {
    constructor(...args) {
      super(...args);
      peers.push(this);
      mark('peer connection');
      this.addEventListener('iceconnectionstatechange', () => {
        if (this.iceConnectionState === 'connected' || this.iceConnectionState === 'completed') mark('ICE connected');
      });
      this.addEventListener('connectionstatechange', () => {
        if (this.connectionState !== 'connected' || 'connected' in marks) return;
        mark('connected');
        // When the page's own video starts to go out: polled for a few seconds after the connection, so the
        // report can tell the sender's start from the network and the engine's receiving side.
        let polls = 0;
        const poll = async () => {
          (await this.getStats()).forEach((r) => {
            if (r.type !== 'outbound-rtp' || r.kind !== 'video') return;
            if (r.framesEncoded > 0) mark('first frame encoded');
            if (r.framesSent > 0) mark('first frame sent');
          });
          if (!('first frame sent' in marks) && ++polls < 500) setTimeout(poll, 5);
        };
        poll();
      });
      this.addEventListener('track', (event) => {
        if (event.track.kind !== 'video') return;
        // A video element of our own shows when the first decoded frame of the track is ready to paint.
        const video = document.createElement('video');
        video.muted = true;
        video.playsInline = true;
        video.style.cssText = 'position:fixed;left:0;top:0;width:2px;height:2px;opacity:0;pointer-events:none';
        video.srcObject = new MediaStream([event.track]);
        document.documentElement.appendChild(video);
        const first = () => mark('first remote frame');
        if (video.requestVideoFrameCallback) video.requestVideoFrameCallback(first);
        else video.addEventListener('loadeddata', first, { once: true });
        video.play().catch(() => {});
      });
    }
  }
  window.RTCPeerConnection = ProbedPeerConnection;
})();
