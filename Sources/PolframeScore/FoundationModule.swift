// Problem, YAMLFile, AtomicFile, Parallel and the stable RNG moved to PolframeFoundation; the
// modules and tests that import this one keep seeing them without an import of their own.
@_exported import PolframeFoundation
