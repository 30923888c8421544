// Jest transform for CommonJS packages that load a dependency with `await import(name)` (the Hive
// Gateway's Rust query planner): jest's module sandbox refuses dynamic import() without
// --experimental-vm-modules, so in tests that call becomes require(name). Node runs the package as it is.
const DYNAMIC_IMPORT = /await import\(([A-Za-z_$][\w$]*)\)/g;

module.exports = {
  process(source) {
    return { code: source.replace(DYNAMIC_IMPORT, 'require($1)') };
  },
};
