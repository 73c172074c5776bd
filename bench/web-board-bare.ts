// The bare baseline of the board part of npm run bench:web: the same cards (the real API's
// board JSON, read once) drawn by a page with no framework — plain DOM columns, a pointer drag
// that moves the card's node and posts the move — and patched from a native WebSocket that
// the server fans out to every open page. What a browser does at the least.
import { createServer, type Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

const PAGE = `<!doctype html>
<html lang="it"><head><meta charset="utf-8"><title>bare board</title>
<style>
body{font-family:sans-serif;margin:0}
#board{display:grid;gap:12px;padding:16px}
.col h2{font-size:16px;margin:0 0 8px}
ul{list-style:none;margin:0;padding:8px;min-height:96px;background:#f2f4f6;display:flex;flex-direction:column;gap:8px}
li{background:#fff;border:1px solid #c5c7c9;border-radius:4px;padding:8px;cursor:grab;user-select:none}
li b{display:block}
</style></head>
<body><h1>Lavagna</h1><div id="board"></div>
<script>
let dragged = null;
const board = document.getElementById('board');
function cardHtml(c) {
  return '<li data-testid="board-card" data-item-id="' + c.id + '"><span>' + c.type + '</span><b data-testid="card-title">' +
    c.title.replace(/</g, '&lt;') + '</b><small>' + (c.estimate ?? '—') + '</small></li>';
}
function place(itemId, statusId, top) {
  const card = document.querySelector('[data-item-id="' + itemId + '"]');
  const cell = document.querySelector('[data-testid=board-cell][data-status-id="' + statusId + '"]');
  if (!card || !cell || card.parentElement === cell) return;
  if (top) cell.prepend(card); else cell.append(card);
}
fetch('/board.json').then((r) => r.json()).then((data) => {
  board.style.gridTemplateColumns = 'repeat(' + data.columns.length + ', minmax(15rem, 1fr))';
  board.innerHTML = data.columns.map((col) => '<section class="col"><h2>' + col.name + '</h2><ul data-testid="board-cell" data-status-id="' +
    col.statusId + '">' + col.items.map(cardHtml).join('') + '</ul></section>').join('');
});
document.addEventListener('pointerdown', (e) => {
  const card = e.target.closest('[data-testid=board-card]');
  dragged = card ? card.getAttribute('data-item-id') : null;
});
document.addEventListener('pointerup', (e) => {
  const itemId = dragged;
  dragged = null;
  const cell = document.elementFromPoint(e.clientX, e.clientY)?.closest('[data-testid=board-cell]');
  if (!itemId || !cell) return;
  const statusId = cell.getAttribute('data-status-id');
  place(itemId, statusId, true);
  fetch('/moves', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ itemId, statusId }) });
});
const ws = new WebSocket('ws://' + location.host + '/live');
ws.onopen = () => { window.__bareReady = true; };
ws.onmessage = (e) => { const m = JSON.parse(e.data); place(m.itemId, m.statusId, true); };
</script></body></html>`;

interface BareCard {
  id: string;
}
interface BareBoard {
  columns: { statusId: string; items: BareCard[] }[];
}

export interface BareBoardWeb {
  url: string;
  close: () => Promise<void>;
}

/** Serves the page and the board; a move is answered, then sent to every page's socket. */
export async function startBareBoard(board: BareBoard): Promise<BareBoardWeb> {
  const sockets = new Set<WebSocket>();
  const move = (itemId: string, statusId: string) => {
    let card: BareCard | undefined;
    for (const column of board.columns) {
      const at = column.items.findIndex((c) => c.id === itemId);
      if (at >= 0) card = column.items.splice(at, 1)[0];
    }
    const to = board.columns.find((c) => c.statusId === statusId);
    if (card && to) to.items.unshift(card);
  };
  const server: Server = createServer((req, res) => {
    if (req.url === '/board.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(board));
    } else if (req.url === '/moves' && req.method === 'POST') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const { itemId, statusId } = JSON.parse(body) as { itemId: string; statusId: string };
        move(itemId, statusId);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ itemId, statusId }));
        const text = JSON.stringify({ itemId, statusId });
        for (const socket of sockets) socket.send(text);
      });
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PAGE);
    }
  });
  const wss = new WebSocketServer({ server, path: '/live' });
  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.terminate();
      wss.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
