"""Indexes on the paths the filing transaction looks up (is a name taken? whose output is it?).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (("ix_files_archive_path", "files", "archive_path"),
           ("ix_duplicates_archive_path", "duplicates", "archive_path"),
           ("ix_filings_target", "filings", "target"),
           ("ix_forms_docx_path", "forms", "docx_path"),
           ("ix_forms_pdf_path", "forms", "pdf_path"))


def upgrade() -> None:
    for name, table, column in INDEXES:
        op.create_index(name, table, [column])


def downgrade() -> None:
    for name, table, _column in INDEXES:
        op.drop_index(name, table)
