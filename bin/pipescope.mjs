#!/usr/bin/env node
// The CLI is TypeScript run through tsx's loader, so `npx pipescope` works in a checkout with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
