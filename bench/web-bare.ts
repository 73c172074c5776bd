// The bare baseline of npm run bench:web: the same 5,000 items (the real API's JSON, read
// once) rendered by a page with no framework — plain DOM, a hand-rolled virtual list of the
// same row height — and patched from a native WebSocket. What a browser does at the least.
import { createServer, type Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

const PAGE = `<!doctype html>
<html lang="it"><head><meta charset="utf-8"><title>bare</title>
<style>
body{font-family:sans-serif;margin:0}
#scroll{height:calc(100vh - 120px);overflow:auto;position:relative;border:1px solid #ccc;margin:16px}
#list{position:relative;margin:0;padding:0;list-style:none}
#list li{position:absolute;left:0;right:0;height:52px;display:flex;align-items:center;gap:8px;padding:0 8px;border-bottom:1px solid #eee}
</style></head>
<body><h1>Backlog</h1><div id="scroll" data-testid="backlog-scroll"><ul id="list" data-testid="backlog-list"></ul></div>
<script>
const ROW = 52;
let items = [];
const scroll = document.getElementById('scroll');
const list = document.getElementById('list');
function render() {
  const first = Math.max(0, Math.floor(scroll.scrollTop / ROW) - 10);
  const last = Math.min(items.length, Math.ceil((scroll.scrollTop + scroll.clientHeight) / ROW) + 10);
  list.style.height = items.length * ROW + 'px';
  const rows = [];
  for (let i = first; i < last; i++) {
    const it = items[i];
    rows.push('<li data-testid="backlog-row" style="top:' + i * ROW + 'px"><span>' + (i + 1) +
      '</span><span data-testid="item-title">' + it.title.replace(/</g, '&lt;') + '</span><span>' +
      (it.estimate ?? '—') + '</span></li>');
  }
  list.innerHTML = rows.join('');
}
scroll.addEventListener('scroll', render, { passive: true });
fetch('/items.json').then((r) => r.json()).then((data) => { items = data; render(); });
const ws = new WebSocket('ws://' + location.host + '/live');
ws.onmessage = (e) => {
  const event = JSON.parse(e.data);
  const at = items.findIndex((i) => i.id === event.data.item.id);
  if (at >= 0) { items[at] = event.data.item; render(); }
};
</script></body></html>`;

export interface BareWeb {
  url: string;
  /** Sends an event to every page, as the server's relay would. */
  broadcast: (event: unknown) => void;
  close: () => Promise<void>;
}

export async function startBareWeb(items: unknown[]): Promise<BareWeb> {
  const json = JSON.stringify(items);
  const server: Server = createServer((req, res) => {
    if (req.url === '/items.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(json);
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PAGE);
    }
  });
  const wss = new WebSocketServer({ server, path: '/live' });
  const sockets = new Set<WebSocket>();
  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    broadcast: (event) => {
      const text = JSON.stringify(event);
      for (const socket of sockets) socket.send(text);
    },
    close: async () => {
      for (const socket of sockets) socket.terminate();
      wss.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
