// The peer as a Node team would deploy it: one server.mjs worker per core (node:cluster), sharing one port. The
// primary only forks and tells the workers when all of them listen; it serves no request itself.
// Usage: node cluster.mjs <port> <models-root> [workers]; workers defaults to os.availableParallelism().
import cluster from 'node:cluster';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const workers = Number(process.argv[4] ?? os.availableParallelism());
cluster.setupPrimary({ exec: path.join(path.dirname(fileURLToPath(import.meta.url)), 'server.mjs'), args: process.argv.slice(2, 4) });

let listening = 0;
cluster.on('listening', () => {
  if (++listening === workers) {
    for (const worker of Object.values(cluster.workers)) worker.send('every-worker-listens');
    console.log(`ready: ${workers} workers`);
  }
});

// A worker that dies would leave the run measuring fewer cores than it says; stop instead of measuring that.
cluster.on('exit', (worker, code, signal) => {
  console.error(`worker ${worker.process.pid} exited (${signal ?? code})`);
  process.exit(1);
});

for (let i = 0; i < workers; i++) cluster.fork();
