import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { configSchema, envNameOf } from '../../core/config/config-schema.js';
import { loadConfig } from '../../core/config/load-config.js';
import { dockerDir, parseDockerfile, readRepoFile } from './docker-files.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are read as plain YAML */
type Obj = Record<string, any>;

const k8sDir = join(dockerDir, 'k8s');
const kustomization = parse(readRepoFile('docker', 'k8s', 'kustomization.yaml'), { strict: true }) as {
  resources: string[];
};
const objects: Obj[] = kustomization.resources.flatMap((file) =>
  parseAllDocuments(readRepoFile('docker', 'k8s', file), { strict: true }).map((d) => d.toJS() as Obj),
);
const one = (kind: string): Obj => {
  const found = objects.filter((o) => o.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0];
};
const deployment = one('Deployment');
const pod = deployment.spec.template.spec;
const containers: Obj[] = [...(pod.initContainers ?? []), ...pod.containers];
const server = pod.containers.find((c: Obj) => c.name === 'hamgam');
const configMap = one('ConfigMap');
const secret = one('Secret');
const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

describe('docker/k8s manifests', () => {
  it('lists every manifest in the folder, each a valid YAML object with a kind', () => {
    const files = readdirSync(k8sDir).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.sort());
    for (const o of objects)
      expect(o.apiVersion && o.kind && o.metadata?.name, JSON.stringify(o).slice(0, 80)).toBeTruthy();
    expect(objects.map((o) => o.kind).sort()).toEqual(
      [
        'ConfigMap',
        'Deployment',
        'HorizontalPodAutoscaler',
        'Namespace',
        'PodDisruptionBudget',
        'Secret',
        'Service',
      ].sort(),
    );
  });

  it('runs `hamgam serve` with liveness on /health, readiness on /ready and a startup probe, on the port it listens on', () => {
    expect(server.args).toEqual(['serve']);
    const port = server.ports.find((p: Obj) => p.name === 'http').containerPort;
    expect(String(port)).toBe(configMap.data.HAMGAM_PORT);
    expect(server.livenessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
    expect(server.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'http' });
    expect(server.startupProbe.httpGet.path).toBe('/health');
    for (const probe of ['livenessProbe', 'readinessProbe'])
      expect(server[probe].periodSeconds * server[probe].failureThreshold, probe).toBeGreaterThanOrEqual(30);
    // The image's own user and start command.
    const dockerfile = parseDockerfile(readRepoFile('docker', 'Dockerfile'));
    expect(dockerfile.some((i) => i.op === 'RUN' && /useradd .*--uid 10001\b/.test(i.args))).toBe(true);
  });

  it('never runs as root and drops every privilege, in every container', () => {
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(pod.automountServiceAccountToken).toBe(false);
    for (const c of containers) {
      expect(c.securityContext, c.name).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      expect(c.securityContext.privileged, c.name).not.toBe(true);
      expect(c.securityContext.runAsUser ?? 1, c.name).not.toBe(0);
    }
    // A read-only root needs the writable folders mounted.
    for (const c of containers)
      expect(c.volumeMounts.map((m: Obj) => m.mountPath).sort(), c.name).toEqual(['/tmp', '/var/lib/hamgam']);
  });

  it('sets CPU and memory requests and limits on every container', () => {
    for (const c of containers)
      for (const kind of ['requests', 'limits'])
        for (const resource of ['cpu', 'memory'])
          expect(c.resources?.[kind]?.[resource], `${c.name} ${kind}.${resource}`).toBeTruthy();
  });

  it('scales with an HPA on the Deployment and keeps two pods through disruptions', () => {
    const hpa = one('HorizontalPodAutoscaler');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: deployment.metadata.name,
    });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
    expect(hpa.spec.metrics.length).toBeGreaterThan(0);
    const labels = deployment.spec.template.metadata.labels;
    expect(matches(deployment.spec.selector.matchLabels, labels)).toBe(true);
    expect(matches(one('Service').spec.selector, labels)).toBe(true);
    expect(one('Service').spec.ports[0].targetPort).toBe('http');
    const pdb = one('PodDisruptionBudget');
    expect(matches(pdb.spec.selector.matchLabels, labels)).toBe(true);
    expect(pdb.spec.minAvailable).toBeLessThan(hpa.spec.minReplicas);
  });

  it('takes its settings from the ConfigMap and the Secret: known keys, secrets only in the Secret, external PostgreSQL and RabbitMQ', () => {
    for (const c of containers)
      expect(c.envFrom, c.name).toEqual([
        { configMapRef: { name: configMap.metadata.name } },
        { secretRef: { name: secret.metadata.name } },
      ]);
    const known = new Set(Object.keys(configSchema.shape).map(envNameOf));
    const env = { ...configMap.data, ...secret.stringData } as Record<string, string>;
    for (const key of Object.keys(env)) expect(known.has(key), key).toBe(true);
    for (const key of Object.keys(configMap.data))
      expect(key, 'a secret in the ConfigMap').not.toMatch(/PASSWORD|SECRET|_KEY$|^HAMGAM_(DB|QUEUE|BLOB)$/);
    const config = loadConfig({ env });
    expect(config.db).toMatch(/^postgres:\/\//);
    expect(config.queue).toMatch(/^amqps?:\/\//);
    expect(config.blob).toMatch(/^https?:\/\//);
    expect(config.host).toBe('0.0.0.0');
    expect(config.backupTarget).toBe('blob');
    for (const value of Object.values(secret.stringData as Record<string, string>))
      expect(value).toContain('CHANGE-ME');
  });

  it.skipIf(spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status !== 0)(
    'renders with kubectl kustomize, every object in the hamgam namespace',
    () => {
      const r = spawnSync('kubectl', ['kustomize', k8sDir], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const rendered = parseAllDocuments(r.stdout).map((d) => d.toJS() as Obj);
      expect(rendered).toHaveLength(objects.length);
      for (const o of rendered.filter((x) => x.kind !== 'Namespace'))
        expect(o.metadata.namespace, o.kind).toBe('hamgam');
    },
  );
});
