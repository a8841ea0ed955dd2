import { Injectable, OnApplicationBootstrap, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { ACCESS_POLICY, AccessPolicy } from '@loanflow/observability';

export interface RouteEntry {
  method: string;
  /** As declared, with its parameters: /api/loans/:id/repayments */
  path: string;
  policy: AccessPolicy | null;
  controller: string;
  handler: string;
}

const join = (...parts: string[]) =>
  '/' +
  parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .join('/');

/**
 * Every route the application serves, with the access policy it declares. The api refuses to start
 * while any route declares none, so no route is ever open by omission; the route and matrix specs
 * read the same inventory.
 */
@Injectable()
export class RouteInventory implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  routes(): RouteEntry[] {
    const routes: RouteEntry[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!type) continue;
      const classPaths = [
        (Reflect.getMetadata(PATH_METADATA, type) as string | string[] | undefined) ?? '',
      ].flat();
      const classPolicy = Reflect.getMetadata(ACCESS_POLICY, type) as AccessPolicy | undefined;
      for (const name of this.scanner.getAllMethodNames(type.prototype as object)) {
        const handler = (type.prototype as Record<string, unknown>)[name] as object;
        const methodPaths = Reflect.getMetadata(PATH_METADATA, handler) as
          string | string[] | undefined;
        if (methodPaths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        if (method === undefined) continue; // a path without a verb is not a route
        const policy =
          (Reflect.getMetadata(ACCESS_POLICY, handler) as AccessPolicy | undefined) ?? classPolicy;
        for (const classPath of classPaths)
          for (const methodPath of [methodPaths].flat())
            routes.push({
              method,
              path: join(classPath, methodPath),
              policy: policy ?? null,
              controller: type.name,
              handler: name,
            });
      }
    }
    return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  }

  onApplicationBootstrap(): void {
    const open = this.routes().filter((route) => !route.policy);
    if (open.length > 0)
      throw new Error(
        `These routes declare no access policy (Access.*): ${open
          .map((route) => `${route.method} ${route.path} (${route.controller}.${route.handler})`)
          .join(', ')}`,
      );
  }
}
