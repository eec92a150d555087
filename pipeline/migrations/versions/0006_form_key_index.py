"""An index on the form key (项目名称 + 主管部门 + budget year, then current) that storing a form looks up.

Superseding the earlier version of a form and finding its previous submission otherwise
walk every current form (ix_forms_current), so the store slowed as it grew.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_forms_key", "forms", ["project_name", "department", "budget_year", "current"])


def downgrade() -> None:
    op.drop_index("ix_forms_key", "forms")
