// Offline schema check of Kubernetes manifests: reads the multi-document YAML that `kubectl kustomize <overlay>`
// prints (stdin) and validates every object against the Kubernetes OpenAPI schemas bundled in the kubernetes-models
// package (no cluster, no network). Exits 1 naming each object that fails, or whose apiVersion/kind is unknown.
//   kubectl kustomize deploy/k8s/gpu | node eng/k8s-schema/check.mjs deploy/k8s/gpu
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const label = process.argv[2] ?? "stdin";
const documents = parseAllDocuments(readFileSync(0, "utf8")).map((d) => d.toJS()).filter((d) => d !== null);
let failures = 0;

for (const object of documents) {
  const name = `${object.kind ?? "?"}/${object.metadata?.name ?? "?"}`;
  // "apps/v1" -> kubernetes-models/apps/v1, core "v1" -> kubernetes-models/v1.
  const modulePath = `kubernetes-models/${object.apiVersion}`;
  let model;
  try {
    model = (await import(modulePath))[object.kind];
  } catch {
    model = undefined;
  }
  if (model === undefined) {
    console.error(`${label}: ${name}: no schema for apiVersion ${object.apiVersion}, kind ${object.kind}`);
    failures++;
    continue;
  }

  try {
    new model(object).validate();
  } catch (error) {
    console.error(`${label}: ${name}: ${error.message}`);
    failures++;
  }
}

if (documents.length === 0) {
  console.error(`${label}: no objects to check`);
  process.exit(1);
}
console.log(`${label}: ${documents.length - failures} of ${documents.length} objects valid`);
process.exit(failures === 0 ? 0 : 1);
