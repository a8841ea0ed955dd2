import { createRequire } from 'node:module';

/**
 * Node's own `require`, for the bpmn.io packages (bpmn-moddle, bpmnlint, the camunda-compat plugin and
 * their dependencies min-dash, moddle, moddle-xml, …). They ship as ES modules only ("type": "module",
 * `exports` pointing at ESM); Node 20.19+ loads them from CommonJS through require(esm).
 *
 * jest 29 cannot: its module registry runs every file as CommonJS, and it replaces `node:module` with
 * its own, so `createRequire` imported above is jest's loader inside a spec. `process.getBuiltinModule`
 * hands out Node's real module system, so the lint runs the same code under jest as in production.
 * Consequence: these packages are outside jest's registry (not mockable), which the lint never needs.
 */
const nodeModule = process.getBuiltinModule?.('node:module') ?? { createRequire };

export const nativeRequire: NodeRequire = nodeModule.createRequire(__filename);
