// Preloaded with `node --import`: appends the URL of every module the process loads to the file
// named by LOADED_MODULES_FILE, one a line, so that a test can see what a command loaded.
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
    import { appendFileSync } from 'node:fs';
    const file = process.env.LOADED_MODULES_FILE;
    export async function resolve(specifier, context, next) {
      const resolved = await next(specifier, context);
      if (file) appendFileSync(file, resolved.url + '\\n');
      return resolved;
    }
  `)}`,
);
