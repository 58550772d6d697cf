// Worker-thread entry of heavy requests: receives one HeavyJob, answers with
// its HeavyOutcome (or an error message), and is terminated by the service
// when the time budget ends or the client goes away.
import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { type HeavyJob, runHeavyJob } from './heavy-jobs.js';

const port = parentPort;
if (port) {
  const { options } = workerData as { options: { configPath?: string; cwd?: string } };
  port.on('message', (job: HeavyJob) => {
    runHeavyJob(job, options).then(
      (outcome) => port.postMessage({ outcome }),
      (e: unknown) => port.postMessage({ failure: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
    );
  });
}
