import type { Api, Method } from '@gitway/core';
export function mock(body: unknown): Method;
export function taggedApi(n: number, tag: string, changed?: number): Api;
