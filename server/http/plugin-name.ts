const displayName = Symbol.for('fastify.display-name');

/**
 * A route plugin registered under its function's name, the name fastify would give it anyway. A
 * plugin without a display name is first looked for among every loaded CommonJS module, twice per
 * registration: about a tenth of building the app, which every test pays again.
 */
export function named<Plugin extends (...args: never[]) => unknown>(plugin: Plugin): Plugin {
  if (!Object.hasOwn(plugin, displayName)) Object.defineProperty(plugin, displayName, { value: plugin.name });
  return plugin;
}
