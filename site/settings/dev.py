"""Local development: the embedded default run by `make run`."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = True
# A development-only key: production.py requires SECRET_KEY from the environment.
SECRET_KEY = "dev-only-insecure-key-never-used-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# `make run`'s admin (ensure_dev_admin) logs in with its password alone; set
# ADMIN_TWO_FACTOR_REQUIRED=1 to try the TOTP enrolment locally. Production always requires it.
ADMIN_TWO_FACTOR_REQUIRED = env_bool("ADMIN_TWO_FACTOR_REQUIRED", False)
