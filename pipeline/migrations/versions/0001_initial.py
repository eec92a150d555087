"""Initial schema: files, duplicates, forms, indicators, anomalies, reviews.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "files",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), unique=True),
        sa.Column("original_name", sa.String(500), nullable=False),
        sa.Column("received_at", TZ, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("archive_path", sa.Text),
        sa.Column("size", sa.Integer),
    )
    op.create_table(
        "duplicates",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("file_id", sa.Integer, sa.ForeignKey("files.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("original_name", sa.String(500), nullable=False),
        sa.Column("received_at", TZ, nullable=False),
        sa.Column("archive_path", sa.Text),
    )
    op.create_table(
        "forms",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("file_id", sa.Integer, sa.ForeignKey("files.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("form_index", sa.Integer, nullable=False),
        sa.Column("department", sa.String(500), index=True),
        sa.Column("project_name", sa.String(500), index=True),
        sa.Column("budget_year", sa.Integer),
        sa.Column("budget_amount", sa.Float),
        sa.Column("period_start", sa.Integer),
        sa.Column("period_end", sa.Integer),
        sa.Column("record", sa.JSON, nullable=False),
        sa.Column("current", sa.Boolean, nullable=False, index=True),
        sa.Column("superseded_by", sa.Integer, sa.ForeignKey("forms.id")),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("docx_path", sa.Text),
        sa.Column("pdf_path", sa.Text),
        sa.Column("error_count", sa.Integer, nullable=False),
        sa.Column("anomaly_count", sa.Integer, nullable=False),
    )
    op.create_table(
        "indicators",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("form_id", sa.Integer, sa.ForeignKey("forms.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("level1", sa.String(100), nullable=False),
        sa.Column("level2", sa.String(100), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("period_value", sa.Text),
        sa.Column("annual_value", sa.Text),
        sa.Column("period_op", sa.String(4)),
        sa.Column("period_number", sa.Float),
        sa.Column("period_unit", sa.String(50)),
        sa.Column("annual_op", sa.String(4)),
        sa.Column("annual_number", sa.Float),
        sa.Column("annual_unit", sa.String(50)),
    )
    op.create_table(
        "anomalies",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("form_id", sa.Integer, sa.ForeignKey("forms.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("code", sa.String(100), nullable=False, index=True),
        sa.Column("severity", sa.String(10), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("where", sa.String(200), nullable=False),
    )
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("form_id", sa.Integer, sa.ForeignKey("forms.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("decision", sa.String(10), nullable=False),
        sa.Column("comment", sa.Text),
        sa.Column("reviewer", sa.String(200)),
        sa.Column("decided_at", TZ, nullable=False),
        sa.Column("flow_run_id", sa.String(64)),
    )


def downgrade() -> None:
    for table in ("reviews", "anomalies", "indicators", "forms", "duplicates", "files"):
        op.drop_table(table)
