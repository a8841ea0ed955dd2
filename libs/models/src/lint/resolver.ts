import * as path from 'node:path';
import type { Config, Resolver, RuleFactory } from 'bpmnlint';
import { nativeRequire } from './native-require';
import { loanflowRules } from './rules';

/** Package names as bpmnlint's Linter hands them to the resolver (`camunda-compat/x` → `bpmnlint-plugin-camunda-compat`). */
export const BPMNLINT = 'bpmnlint';
export const CAMUNDA_COMPAT = 'bpmnlint-plugin-camunda-compat';
export const LOANFLOW = 'bpmnlint-plugin-loanflow';

/** A bpmnlint plugin's entry: `rules` map a name to a module path, `configs` are inline. */
interface PluginModule {
  rules?: Record<string, unknown>;
  configs?: Record<string, Config>;
}

const NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Where the Linter finds rules and configs, without bpmnlint's NodeResolver (which resolves from the
 * process's working directory and knows nothing of our rules):
 * - `bpmnlint`: `bpmnlint/rules/<name>` and `bpmnlint/config/<name>`;
 * - `bpmnlint-plugin-camunda-compat`: as NodeResolver does for a plugin, its index's `rules[name]`
 *   (a path relative to the package, or a package path such as `bpmnlint/start-event-required`),
 *   else `<pkg>/rules/<name>`; configs from its index's `configs`, else `<pkg>/config/<name>`;
 * - `bpmnlint-plugin-loanflow` (`loanflow/<name>` in a config): our rules in ./rules.
 */
export function createResolver(): Resolver {
  return {
    resolveRule(pkg: string, ruleName: string): RuleFactory {
      checkName('rule', ruleName);
      switch (pkg) {
        case LOANFLOW: {
          const rule = loanflowRules[ruleName];
          if (!rule)
            throw new Error(
              `unknown rule <loanflow/${ruleName}>: known are ${Object.keys(loanflowRules).join(', ')}`,
            );
          return rule;
        }
        case BPMNLINT:
          return nativeRequire(`bpmnlint/rules/${ruleName}`) as RuleFactory;
        case CAMUNDA_COMPAT:
          return pluginRule(pkg, ruleName);
        default:
          throw new Error(
            `cannot resolve rule <${ruleName}> from <${pkg}>: the plugin is not part of LoanFlow's lint`,
          );
      }
    },

    resolveConfig(pkg: string, configName: string): Config {
      checkName('config', configName);
      switch (pkg) {
        case BPMNLINT:
          return nativeRequire(`bpmnlint/config/${configName}`) as Config;
        case CAMUNDA_COMPAT:
          return pluginConfig(pkg, configName);
        default:
          throw new Error(
            `cannot resolve config <${configName}> from <${pkg}>: LoanFlow's lint has none`,
          );
      }
    },
  };
}

function pluginRule(pkg: string, ruleName: string): RuleFactory {
  const rules = (nativeRequire(pkg) as PluginModule).rules ?? {};
  if (ruleName in rules) {
    const reference = rules[ruleName];
    if (typeof reference !== 'string') {
      throw new Error(
        `cannot resolve rule <${ruleName}> from <${pkg}>: illegal rule export (expected path reference)`,
      );
    }
    if (reference.startsWith('.')) {
      const pkgDir = path.dirname(nativeRequire.resolve(pkg));
      return nativeRequire(path.join(pkgDir, reference)) as RuleFactory;
    }
    return nativeRequire(reference) as RuleFactory;
  }
  return nativeRequire(`${pkg}/rules/${ruleName}`) as RuleFactory;
}

function pluginConfig(pkg: string, configName: string): Config {
  const configs = (nativeRequire(pkg) as PluginModule).configs ?? {};
  const config = configs[configName];
  if (config) return config;
  return nativeRequire(`${pkg}/config/${configName}`) as Config;
}

function checkName(kind: string, name: string): void {
  if (!NAME.test(name)) throw new Error(`unparseable ${kind} name <${name}>`);
}
