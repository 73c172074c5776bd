import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Debian's nginx, installed when missing (the chaos test needs a real load balancer). */
export function ensureNginx(): string {
  for (const path of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (existsSync(path)) return path;
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'nginx-light'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return '/usr/sbin/nginx';
}

/**
 * The set-up of docs/deploy.md: requests and websocket upgrades hashed on a client id header,
 * so each client sticks to one instance while it is up and moves when it dies. max_fails=0:
 * a refused connection moves the request to the other instance at once, and no instance is
 * ever marked down for a while (with max_fails=1 a reconnect storm marked both down).
 */
export async function startNginx(
  dir: string,
  port: number,
  upstreams: number[],
): Promise<ChildProcess> {
  const binary = ensureNginx();
  await mkdir(join(dir, 'logs'), { recursive: true });
  const conf = `
worker_processes 1;
daemon off;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'logs', 'error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream ritmo {
    hash $http_x_ritmo_client consistent;
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=0;`).join('\n')}
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 2m;
    location / {
      proxy_pass http://ritmo;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_read_timeout 120s;
      proxy_next_upstream error timeout http_502 http_503;
    }
  }
}
`;
  const file = join(dir, 'nginx.conf');
  await writeFile(file, conf);
  const child = spawn(binary, ['-c', file, '-p', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  return child;
}
