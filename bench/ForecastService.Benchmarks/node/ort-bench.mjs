// Times onnxruntime-node's InferenceSession.run on the model the .NET side wrote, driven over stdin/stdout with
// one JSON object per line, so that the two bindings can be measured in alternating rounds in one invocation.
//   node ort-bench.mjs <model.onnx> <intraOpThreads>
//   in:  {"op":"run","input":"<raw float32 LE file>","shape":[168,1,1],"warmup":20,"iterations":100}
//   out: {"samples":[<microseconds>...],"output":[<Y_h of the last run>...]}
import { readFileSync } from 'node:fs';
import * as readline from 'node:readline';
import * as ort from 'onnxruntime-node';

const [modelPath, threads] = process.argv.slice(2);
const session = await ort.InferenceSession.create(modelPath, {
  executionProviders: ['cpu'],
  intraOpNumThreads: Number(threads ?? 1),
  interOpNumThreads: 1,
  graphOptimizationLevel: 'all',
  extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
});
console.log(JSON.stringify({ ready: true, versions: ort.env.versions ?? {} }));

const inputs = new Map();
const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  const command = JSON.parse(line);
  if (command.op !== 'run') break;

  let x = inputs.get(command.input);
  if (!x) {
    const bytes = readFileSync(command.input);
    x = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    inputs.set(command.input, x);
  }

  // A request's tensor is created per call, as the .NET side creates its NamedTensor per call.
  const once = () => session.run({ X: new ort.Tensor('float32', x, command.shape) }, ['Y_h']);
  for (let i = 0; i < command.warmup; i++) await once();

  const samples = new Array(command.iterations);
  let last;
  for (let i = 0; i < command.iterations; i++) {
    const start = process.hrtime.bigint();
    last = await once();
    samples[i] = Number(process.hrtime.bigint() - start) / 1000;
  }

  console.log(JSON.stringify({ samples, output: Array.from(last.Y_h.data) }));
}
await session.release();
