"""The guidelines app's models: the pages, and what people do with them."""

from .pages import (
    POLICY_WORKFLOW,
    ChangeType,
    GuidelinePage,
    GuidelinesHubPage,
    Kind,
    TrainingModulePage,
    involves_policy,
    is_policy_approver,
)
from .records import (
    Acknowledgement,
    ChangeLogEntry,
    KnowledgeCheckResult,
    LessonCompletion,
    WhyBannerDismissal,
)

__all__ = [
    "POLICY_WORKFLOW",
    "Acknowledgement",
    "ChangeLogEntry",
    "ChangeType",
    "GuidelinePage",
    "GuidelinesHubPage",
    "Kind",
    "KnowledgeCheckResult",
    "LessonCompletion",
    "TrainingModulePage",
    "WhyBannerDismissal",
    "involves_policy",
    "is_policy_approver",
]
