"""Clean stored text of what XML 1.0 and Excel cannot hold (control characters, bidi controls).

Rows stored before the store cleaned its input (a `\\x0b` from Word's manual line break)
made every later roll-up export fail; this cleans them once.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from pipeline.text import scrub, scrub_json

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXT_COLUMNS = {
    "files": ("original_name", "reason"),
    "forms": ("department", "project_name"),
    "indicators": ("level1", "level2", "name", "period_value", "annual_value", "period_unit", "annual_unit"),
    "anomalies": ("message", "where"),
    "reviews": ("comment", "reviewer"),
}


def upgrade() -> None:
    conn = op.get_bind()
    for table, columns in TEXT_COLUMNS.items():
        cols = ", ".join(f'"{c}"' for c in columns)
        for row in conn.execute(sa.text(f'SELECT id, {cols} FROM "{table}"')).all():
            fixed = {c: scrub(v)[0] for c, v in zip(columns, row[1:], strict=True) if isinstance(v, str)}
            if any(fixed[c] != v for c, v in zip(columns, row[1:], strict=True) if c in fixed):
                sets = ", ".join(f'"{c}" = :{c}' for c in fixed)
                conn.execute(sa.text(f'UPDATE "{table}" SET {sets} WHERE id = :id'), {**fixed, "id": row[0]})
    for fid, record in conn.execute(sa.text("SELECT id, record FROM forms")).all():
        data = json.loads(record) if isinstance(record, str) else record
        fixed = scrub_json(data)
        if fixed != data:
            conn.execute(sa.text("UPDATE forms SET record = :r WHERE id = :id"),
                         {"r": json.dumps(fixed, ensure_ascii=False), "id": fid})


def downgrade() -> None:
    pass  # what was removed is not put back
