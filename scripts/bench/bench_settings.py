"""Benchmark settings: production's as they are. The deploy-time values come from the
environment that scripts/bench/run.py sets (bench_env: SQLite in the bench folder, the
local-memory cache, no TLS redirect on loopback, any Host since Varnish forwards the VCL's)."""

from kredsraad_site.settings.production import *  # noqa: F403
