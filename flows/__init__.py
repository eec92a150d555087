"""Prefect orchestration over `pipeline/`: the batch flow, reviews, deployments, CLI.

Importing this package sets the project's Prefect environment (see `flows.env`)
before any module here imports prefect.
"""

from flows import env as _env

_env.apply()
